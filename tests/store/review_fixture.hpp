// The review store tests' shared setup: a 2023 campaign with one body for the
// electronic-information field of pioneer_tech, a plan for it and experts to add.
#pragma once

#include "store_fixture.hpp"

namespace kczg::testing {

using ReviewStoreTest = StoreTest;

inline constexpr const char* k_body = "中国科协信息科技学会联合体";

inline ReviewPlan plan_of(std::string body) {
  ReviewPlan plan;
  plan.body = std::move(body);
  plan.covers = {{"pioneer_tech", "electronic_information"}};
  plan.criteria = {{"innovation", "创新性", "Innovation", 30, 0, 10},
                   {"maturity", "成熟度", "Maturity", 25, 0, 10},
                   {"market", "市场价值", "Market value", 25, 0, 10},
                   {"team", "团队", "Team", 20, 0, 10}};
  plan.experts_per_application = 3;
  plan.max_load = 20;
  plan.sector_minimums = {{Sector::industry, 1}};
  plan.aggregation = Aggregation::zscore;
  return plan;
}

inline Expert expert(std::string name, std::string email, Sector sector) {
  Expert e;
  e.name = std::move(name);
  e.organisation = "某某大学";
  e.region = "110108";
  e.sector = sector;
  e.keywords = {"芯片", "集成电路"};
  e.profile = "从事芯片设计研究";
  e.email = std::move(email);
  return e;
}

class ReviewStore : public ReviewStoreTest {
 protected:
  long long campaign_with_body() {
    Campaign c = preset_2023();
    c.review_bodies = {{k_body, "联系人", false, {{"pioneer_tech", "electronic_information"}}}};
    return *m_store->create_campaign(c, m_secretariat, in_collection());
  }
  Actor m_body{Role::review_body, "body@test"};
};

}  // namespace kczg::testing
