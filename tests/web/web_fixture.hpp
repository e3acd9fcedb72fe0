// Starts the real kczg binary (`demo load`, then `serve` on a free loopback port) on a
// fresh SQLite file or a fresh PostgreSQL schema, and talks to it over HTTP.
#pragma once

#include <gtest/gtest.h>

#include <map>
#include <string>

#include "web/http/test_client.hpp"

namespace kczg::testing {

using web::http::ClientResponse;
using web::http::Fields;

inline constexpr const char* k_demo_password = "kczg-demo-2023";

// The demo account of each role, as `kczg demo load` creates them.
const std::map<std::string, std::string>& demo_logins();

struct SignedIn {
  std::string cookie;  // "kczg_session=…"
  std::string csrf;
};

class WebTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override;
  void TearDown() override;

  // One request on a fresh connection.
  ClientResponse get(const std::string& target, const Fields& headers = {});
  ClientResponse post(const std::string& target, const std::string& form,
                      const Fields& headers = {});
  ClientResponse request(const std::string& method, const std::string& target,
                         const Fields& headers, const std::string& body);

  // Signs in through the form; fails the test if that does not work.
  SignedIn sign_in(const std::string& login, const std::string& password = k_demo_password);
  Fields as(const SignedIn& who) const { return {{"Cookie", who.cookie}}; }
  // An API call with the session's cookie and CSRF token.
  ClientResponse api(const std::string& method, const std::string& target, const SignedIn& who,
                     const std::string& body = "",
                     const std::string& content_type = "application/json",
                     const std::string& lang = "zh");

  static std::string form_encode(const std::vector<std::pair<std::string, std::string>>& fields);
  static std::string cookie_from(const ClientResponse& response, const std::string& name);

  // The demo's stage (`kczg demo load --stage`); a subclass's constructor may change it.
  std::string m_stage = "collection";
  unsigned short m_port = 0;
  int m_pid = -1;
  std::string m_db;
  std::string m_schema;
  std::string m_dir;
};

}  // namespace kczg::testing
