#include "domain/objection.hpp"

#include <gtest/gtest.h>

#include "domain/presets.hpp"

namespace kczg {
namespace {

ObjectionForm valid() {
  return {"张明", "zhang.ming@example.org", "",
          "该技术的核心专利已于 2021 年转让给另一家企业，申报单位不再是权利人，附专利登记簿副本。"};
}

std::vector<ErrorCode> codes(const ObjectionForm& form) {
  std::vector<ErrorCode> out;
  for (const Error& e : check_objection(form)) out.push_back(e.code);
  return out;
}

TEST(Objection, ARealNameAContactAndGroundsAreEnough) {
  EXPECT_TRUE(check_objection(valid()).empty());
  ObjectionForm phone = valid();
  phone.contact = "+86 138-0013-8000";
  phone.organisation = "某某大学科研处";
  EXPECT_TRUE(check_objection(phone).empty());
}

TEST(Objection, AnonymousObjectionsAreRefusedWithTheReason) {
  for (const char* name : {"", "  ", "匿名", "无名氏", "Anonymous", "知情人"}) {
    ObjectionForm f = valid();
    f.name = name;
    auto problems = check_objection(f);
    ASSERT_EQ(problems.size(), 1u) << name;
    EXPECT_EQ(problems[0].code, ErrorCode::objection_anonymous) << name;
    EXPECT_EQ(problems[0].param("field"), "name");
  }
}

TEST(Objection, ContactMustReachSomeone) {
  for (const char* contact : {"", "微信 zhangming", "123456", "a@b", "@example.org"}) {
    ObjectionForm f = valid();
    f.contact = contact;
    EXPECT_EQ(codes(f), std::vector<ErrorCode>{ErrorCode::objection_contact_invalid}) << contact;
  }
  EXPECT_TRUE(contact_is_email("zhang.ming@example.org"));
  EXPECT_FALSE(contact_is_email("13800138000"));
}

TEST(Objection, GroundsAndFieldsHaveBoundsEveryProblemAtOnce) {
  ObjectionForm f = valid();
  f.grounds = std::string(19, 'x');  // one under the minimum
  EXPECT_EQ(codes(f), std::vector<ErrorCode>{ErrorCode::objection_grounds_length});
  f.grounds = std::string(20, 'x');
  EXPECT_TRUE(codes(f).empty());
  std::string han;
  for (int i = 0; i < 5001; ++i) han += "字";  // characters, not bytes
  f.grounds = han;
  auto problems = check_objection(f);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].param("length"), "5001");
  f = {"匿名", "wechat", std::string(101, 'o'), "短"};
  EXPECT_EQ(codes(f), (std::vector<ErrorCode>{
                          ErrorCode::objection_anonymous, ErrorCode::objection_contact_invalid,
                          ErrorCode::form_too_long, ErrorCode::objection_grounds_length}));
}

TEST(Objection, OnlyWhileTheNoticeIsOpen) {
  Campaign c = preset_2023();
  Phase* notice = nullptr;
  for (Phase& p : c.phases) {
    if (p.kind == PhaseKind::public_notice) notice = &p;
  }
  ASSERT_NE(notice, nullptr);
  Instant start = parse_instant("2023-12-01").value();
  Instant end = parse_instant("2023-12-08").value();
  notice->starts_at = start;
  notice->ends_at = end;
  EXPECT_TRUE(check_notice_open(c, start));
  EXPECT_TRUE(check_notice_open(c, end - std::chrono::microseconds(1)));
  auto late = check_notice_open(c, end);
  ASSERT_FALSE(late);
  EXPECT_EQ(late.error().code, ErrorCode::objection_closed);
  EXPECT_EQ(late.error().param("ends"), format_shanghai(end));
  EXPECT_FALSE(check_notice_open(c, start - std::chrono::microseconds(1)));
}

}  // namespace
}  // namespace kczg
