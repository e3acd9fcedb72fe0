#include "domain/application_state.hpp"

#include <gtest/gtest.h>

namespace kczg {
namespace {

using S = ApplicationState;
using P = PhaseKind;

struct Legal {
  Action action;
  S from;
  Role role;
  P phase;
  S to;
};

// Every legal transition of DESIGN §3, written out independently of the table.
const Legal k_legal[] = {
    {Action::submit, S::draft, Role::applicant, P::collection, S::submitted},
    {Action::resubmit, S::returned, Role::applicant, P::collection, S::submitted},
    {Action::recommend, S::submitted, Role::unit, P::collection, S::recommended},
    {Action::return_to_applicant, S::submitted, Role::unit, P::collection, S::returned},
    {Action::pass_formal_check, S::recommended, Role::secretariat, P::preliminary_review,
     S::eligible},
    {Action::fail_formal_check, S::recommended, Role::secretariat, P::preliminary_review,
     S::ineligible},
    {Action::start_review, S::eligible, Role::review_body, P::preliminary_review, S::under_review},
    {Action::shortlist, S::under_review, Role::review_body, P::preliminary_review, S::shortlisted},
    {Action::reject_shortlist, S::under_review, Role::review_body, P::preliminary_review,
     S::not_shortlisted},
    {Action::list, S::shortlisted, Role::secretariat, P::final_review, S::listed},
    {Action::reject_list, S::shortlisted, Role::secretariat, P::final_review, S::not_listed},
    {Action::reconsider, S::listed, Role::secretariat, P::final_review, S::shortlisted},
    {Action::remove_listed, S::listed, Role::secretariat, P::public_notice, S::not_listed},
    {Action::substitute, S::not_listed, Role::secretariat, P::public_notice, S::listed},
};

TEST(ApplicationState, EveryLegalTransition) {
  for (const Legal& l : k_legal) {
    auto to = apply_action(l.action, l.from, l.role, l.phase, "a reason");
    ASSERT_TRUE(to) << action_name(l.action) << ": " << code_name(to.error().code);
    EXPECT_EQ(*to, l.to) << action_name(l.action);
  }
}

TEST(ApplicationState, ReconsiderTakesBackAFinalDecisionWithAReasonDuringTheFinalReview) {
  EXPECT_EQ(apply_action(Action::reconsider, S::not_listed, Role::secretariat, P::final_review,
                         "补充材料后重新审议"),
            S::shortlisted);
  auto no_reason =
      apply_action(Action::reconsider, S::listed, Role::secretariat, P::final_review, " ");
  ASSERT_FALSE(no_reason);
  EXPECT_EQ(no_reason.error().code, ErrorCode::transition_reason_missing);
  // Once the public notice has begun, a decision is changed only by an objection.
  auto late =
      apply_action(Action::reconsider, S::listed, Role::secretariat, P::public_notice, "理由");
  ASSERT_FALSE(late);
  EXPECT_EQ(late.error().code, ErrorCode::transition_phase);
  EXPECT_FALSE(
      apply_action(Action::reconsider, S::shortlisted, Role::secretariat, P::final_review, "理由"));
}

TEST(ApplicationState, WithdrawBeforeAnyDecision) {
  for (S from : {S::draft, S::submitted, S::returned, S::recommended, S::eligible, S::under_review,
                 S::shortlisted}) {
    for (P phase : {P::collection, P::preliminary_review, P::final_review}) {
      EXPECT_EQ(apply_action(Action::withdraw, from, Role::applicant, phase, ""), S::withdrawn)
          << state_name(from) << " in " << phase_name(phase);
    }
  }
}

TEST(ApplicationState, NoWithdrawalAfterDecision) {
  for (S from : {S::ineligible, S::not_shortlisted, S::listed, S::not_listed, S::withdrawn}) {
    auto r = apply_action(Action::withdraw, from, Role::applicant, P::final_review, "");
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, ErrorCode::transition_from_state);
    EXPECT_EQ(r.error().param("state"), state_name(from));
  }
}

TEST(ApplicationState, CountOfTransitionsMatchesTheWorkflow) {
  EXPECT_EQ(transitions().size(), std::size(k_legal) + 1);  // + withdraw
}

TEST(ApplicationState, WrongRoleIsRefused) {
  auto r = apply_action(Action::recommend, S::submitted, Role::applicant, P::collection, "");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::transition_role);
  EXPECT_EQ(r.error().param("role"), "unit");
  EXPECT_EQ(r.error().param("actor_role"), "applicant");
  EXPECT_EQ(apply_action(Action::list, S::shortlisted, Role::review_body, P::final_review, "")
                .error()
                .code,
            ErrorCode::transition_role);
  EXPECT_EQ(apply_action(Action::submit, S::draft, Role::visitor, P::collection, "").error().code,
            ErrorCode::transition_role);
}

TEST(ApplicationState, WrongPhaseIsRefused) {
  // The 23:50 filer whose request lands after midnight.
  auto late = apply_action(Action::submit, S::draft, Role::applicant, P::preliminary_review, "");
  ASSERT_FALSE(late);
  EXPECT_EQ(late.error().code, ErrorCode::transition_phase);
  EXPECT_EQ(late.error().param("phases"), "collection");
  EXPECT_EQ(late.error().param("phase"), "preliminary_review");
  auto closed = apply_action(Action::recommend, S::submitted, Role::unit, std::nullopt, "");
  EXPECT_EQ(closed.error().code, ErrorCode::transition_phase);
  EXPECT_EQ(closed.error().param("phase"), "none");
  EXPECT_EQ(apply_action(Action::list, S::shortlisted, Role::secretariat, P::publication, "")
                .error()
                .code,
            ErrorCode::transition_phase);
}

TEST(ApplicationState, WrongStateIsRefused) {
  EXPECT_EQ(apply_action(Action::recommend, S::draft, Role::unit, P::collection, "").error().code,
            ErrorCode::transition_from_state);
  EXPECT_EQ(
      apply_action(Action::submit, S::submitted, Role::applicant, P::collection, "").error().code,
      ErrorCode::transition_from_state);
  EXPECT_EQ(apply_action(Action::list, S::under_review, Role::secretariat, P::final_review, "")
                .error()
                .code,
            ErrorCode::transition_from_state);
  EXPECT_EQ(
      apply_action(Action::shortlist, S::eligible, Role::review_body, P::preliminary_review, "")
          .error()
          .code,
      ErrorCode::transition_from_state);
}

TEST(ApplicationState, ReturnAndFailNeedAReason) {
  auto r = apply_action(Action::return_to_applicant, S::submitted, Role::unit, P::collection, "  ");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::transition_reason_missing);
  EXPECT_EQ(apply_action(Action::fail_formal_check, S::recommended, Role::secretariat,
                         P::preliminary_review, "")
                .error()
                .code,
            ErrorCode::transition_reason_missing);
}

TEST(ApplicationState, NamesRoundTrip) {
  for (const Transition& t : transitions()) {
    EXPECT_EQ(action_from_name(action_name(t.action)), t.action);
    EXPECT_EQ(state_from_name(state_name(t.to)), t.to);
    EXPECT_EQ(role_from_name(role_name(t.role)), t.role);
  }
  EXPECT_EQ(role_from_name("public"), Role::visitor);
  EXPECT_EQ(action_from_name("return"), Action::return_to_applicant);
  EXPECT_EQ(state_from_name("nonsense"), std::nullopt);
}

}  // namespace
}  // namespace kczg
