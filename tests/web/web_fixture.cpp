#include "web_fixture.hpp"

#include <fcntl.h>
#include <signal.h>
#include <soci/soci.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <random>

#include "web/http/http.hpp"

extern char** environ;

namespace kczg::testing {
namespace {

int run(const std::vector<std::string>& args, int stdout_fd = -1, int* pid_out = nullptr) {
  std::vector<char*> argv;
  for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  if (stdout_fd >= 0) posix_spawn_file_actions_adddup2(&actions, stdout_fd, 1);
  int devnull = ::open("/dev/null", O_WRONLY);
  posix_spawn_file_actions_adddup2(&actions, devnull, 2);
  if (stdout_fd < 0) posix_spawn_file_actions_adddup2(&actions, devnull, 1);
  pid_t pid = 0;
  int rc = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  ::close(devnull);
  if (rc != 0) return -1;
  if (pid_out) {
    *pid_out = pid;
    return 0;
  }
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace

const std::map<std::string, std::string>& demo_logins() {
  static const std::map<std::string, std::string> logins{
      {"secretariat", "secretariat@demo.kczg.cn"},
      {"applicant", "applicant@demo.kczg.cn"},
      {"unit", "unit@demo.kczg.cn"},
      {"review_body", "review@demo.kczg.cn"},
      {"expert", "expert@demo.kczg.cn"},
      {"partner", "partner@demo.kczg.cn"},
      {"pilot_city", "pilot@demo.kczg.cn"},
  };
  return logins;
}

void WebTest::SetUp() {
  std::string unique =
      std::to_string(getpid()) + "_" + std::to_string(std::random_device{}() % 1000000);
  m_dir = (std::filesystem::temp_directory_path() / ("kczg-web-" + unique)).string();
  std::filesystem::create_directories(m_dir);
  if (GetParam() == "sqlite") {
    m_db = "sqlite:" + m_dir + "/kczg.db";
  } else {
    const char* pg = std::getenv("KCZG_TEST_PG");
    if (!pg || !*pg) {
      if (std::getenv("CI")) FAIL() << "KCZG_TEST_PG is not set; scripts/test starts PostgreSQL";
      GTEST_SKIP() << "KCZG_TEST_PG not set";
    }
    m_schema = "w_" + unique;
    soci::session admin("postgresql", pg);
    admin << "CREATE SCHEMA " + m_schema;
    std::string base(pg);
    m_db = base + (base.find('?') == std::string::npos ? "?" : "&") + "options=-csearch_path%3D" +
           m_schema;
  }
  std::string units = std::string(KCZG_SOURCE_DIR) + "/demo/units.csv";
  ASSERT_EQ(run({KCZG_BINARY, "--db", m_db, "demo", "load", "--live", "--stage", m_stage, "--units",
                 units}),
            0);
  int out[2];
  ASSERT_EQ(pipe(out), 0);
  ASSERT_EQ(run({KCZG_BINARY, "--db", m_db, "serve", "--listen", "127.0.0.1:0", "--static",
                 std::string(KCZG_SOURCE_DIR) + "/static", "--blobs", m_dir + "/blobs", "--quiet",
                 "--workers", "2"},
                out[1], &m_pid),
            0);
  ::close(out[1]);
  std::string line;
  char c;
  while (::read(out[0], &c, 1) == 1 && c != '\n') line += c;
  ::close(out[0]);
  auto colon = line.rfind(':');
  ASSERT_NE(colon, std::string::npos) << "serve printed: " << line;
  m_port = static_cast<unsigned short>(std::stoi(line.substr(colon + 1)));
}

void WebTest::TearDown() {
  if (m_pid > 0) {
    kill(m_pid, SIGTERM);
    int status = 0;
    waitpid(m_pid, &status, 0);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "kczg serve did not stop cleanly";
  }
  if (!m_schema.empty()) {
    soci::session admin("postgresql", std::getenv("KCZG_TEST_PG"));
    admin << "DROP SCHEMA " + m_schema + " CASCADE";
  }
  std::filesystem::remove_all(m_dir);
}

ClientResponse WebTest::request(const std::string& method, const std::string& target,
                                const Fields& headers, const std::string& body) {
  web::http::TestClient client(m_port);
  auto response = client.request(method, target, headers, body);
  EXPECT_TRUE(response.has_value()) << method << " " << target;
  return response.value_or(ClientResponse{});
}

ClientResponse WebTest::get(const std::string& target, const Fields& headers) {
  return request("GET", target, headers, "");
}

ClientResponse WebTest::post(const std::string& target, const std::string& form,
                             const Fields& headers) {
  Fields all = headers;
  all.emplace_back("Content-Type", "application/x-www-form-urlencoded");
  return request("POST", target, all, form);
}

std::string WebTest::form_encode(const std::vector<std::pair<std::string, std::string>>& fields) {
  std::string out;
  for (const auto& [k, v] : fields) {
    out += (out.empty() ? "" : "&") + web::http::url_encode(k) + "=" + web::http::url_encode(v);
  }
  return out;
}

std::string WebTest::cookie_from(const ClientResponse& response, const std::string& name) {
  for (const std::string& set : response.all("set-cookie")) {
    if (set.starts_with(name + "=")) return set.substr(0, set.find(';'));
  }
  return {};
}

SignedIn WebTest::sign_in(const std::string& login, const std::string& password) {
  auto response = post("/sign-in", form_encode({{"login", login}, {"password", password}}));
  EXPECT_EQ(response.status, 303) << login << ": " << response.body.substr(0, 300);
  SignedIn who{cookie_from(response, "kczg_session"), ""};
  auto me = get("/api/v1/me", as(who));
  auto at = me.body.find("\"csrf_token\":\"");
  if (at != std::string::npos) {
    at += 14;
    who.csrf = me.body.substr(at, me.body.find('"', at) - at);
  }
  EXPECT_FALSE(who.csrf.empty()) << me.body;
  return who;
}

ClientResponse WebTest::api(const std::string& method, const std::string& target,
                            const SignedIn& who, const std::string& body,
                            const std::string& content_type, const std::string& lang) {
  Fields headers{{"Cookie", who.cookie},
                 {"X-CSRF-Token", who.csrf},
                 {"Content-Type", content_type},
                 {"Accept-Language", lang}};
  return request(method, target, headers, body);
}

}  // namespace kczg::testing
