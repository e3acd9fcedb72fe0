#include "domain/phase_clock.hpp"

#include <gtest/gtest.h>

#include "domain/presets.hpp"

namespace kczg {
namespace {

Instant t(std::string_view iso) { return parse_instant(iso).value(); }

TEST(PhaseClock, LastSecondBeforeDeadlineIsInside) {
  Campaign c = preset_2022();
  EXPECT_EQ(workflow_phase(c, t("2022-10-31T23:59:59+08:00")), PhaseKind::collection);
  EXPECT_EQ(workflow_phase(c, t("2022-10-31T23:59:59.999999+08:00")), PhaseKind::collection);
}

TEST(PhaseClock, MidnightDeadlineIsOutside) {
  Campaign c = preset_2022();
  EXPECT_EQ(workflow_phase(c, t("2022-11-01T00:00:00+08:00")), PhaseKind::preliminary_review);
  // The same instant written in UTC: a browser in another zone changes nothing.
  EXPECT_EQ(workflow_phase(c, t("2022-10-31T16:00:00Z")), PhaseKind::preliminary_review);
}

TEST(PhaseClock, BeforeOpeningNothingIsOpen) {
  Campaign c = preset_2023();
  EXPECT_EQ(workflow_phase(c, t("2023-10-06T23:59:59+08:00")), std::nullopt);
  EXPECT_EQ(workflow_phase(c, t("2023-10-07T00:00:00+08:00")), PhaseKind::collection);
}

TEST(PhaseClock, PromotionRunsAlongside) {
  Campaign c = preset_2023();
  EXPECT_EQ(open_phases(c, t("2023-11-15T12:00:00+08:00")),
            (std::vector<PhaseKind>{PhaseKind::collection, PhaseKind::promotion}));
  EXPECT_EQ(open_phases(c, t("2024-04-30T23:00:00+08:00")),
            (std::vector<PhaseKind>{PhaseKind::promotion}));
  EXPECT_EQ(workflow_phase(c, t("2024-04-30T23:00:00+08:00")), std::nullopt);
}

TEST(PhaseClock, GapBetweenPhasesIsClosed) {
  // 2023: preliminary review closes after 30 December, final review opens 1 January.
  Campaign c = preset_2023();
  EXPECT_EQ(workflow_phase(c, t("2023-12-30T23:59:59+08:00")), PhaseKind::preliminary_review);
  EXPECT_EQ(workflow_phase(c, t("2023-12-31T10:00:00+08:00")), std::nullopt);
}

TEST(PhaseClock, UndatedPhaseNeverOpens) {
  Campaign c = preset_2022();
  for (Instant at = t("2022-09-01"); at < t("2023-06-01"); at += std::chrono::hours(24 * 7)) {
    EXPECT_NE(workflow_phase(c, at), PhaseKind::public_notice);
  }
}

}  // namespace
}  // namespace kczg
