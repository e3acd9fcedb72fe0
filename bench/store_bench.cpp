// Durable writes through the store against SQLite's raw commit rate, in one run.
//
//   build/bench/kczg_bench_store [--count N] [--dir DIR]
//
// Both sides commit with WAL + synchronous=FULL on the same file system (DIR, default
// build/bench-data; put it on the disk you deploy on, not tmpfs, or fsync costs nothing).
// "raw": sqlite3 C API, one INSERT per BEGIN IMMEDIATE … COMMIT.
// "store": Store::transition(submit) — an acknowledged submission: read the application
// and the phases, move the state, append the audit row, commit.
#include <sqlite3.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>

#include "domain/presets.hpp"
#include "store/store.hpp"

namespace {

using Clock = std::chrono::steady_clock;
namespace fs = std::filesystem;

void check(int rc, sqlite3* db, const char* what) {
  if (rc != SQLITE_OK && rc != SQLITE_DONE) {
    std::fprintf(stderr, "%s: %s\n", what, sqlite3_errmsg(db));
    std::exit(1);
  }
}

double raw_commits_per_second(const fs::path& file, int count) {
  sqlite3* db = nullptr;
  check(sqlite3_open(file.c_str(), &db), db, "open");
  for (const char* pragma : {"PRAGMA journal_mode = WAL", "PRAGMA synchronous = FULL",
                             "CREATE TABLE t (id INTEGER PRIMARY KEY, at INTEGER, payload TEXT)"}) {
    check(sqlite3_exec(db, pragma, nullptr, nullptr, nullptr), db, pragma);
  }
  sqlite3_stmt* insert = nullptr;
  check(sqlite3_prepare_v2(db, "INSERT INTO t (at, payload) VALUES (?, ?)", -1, &insert, nullptr),
        db, "prepare");
  auto start = Clock::now();
  for (int i = 0; i < count; ++i) {
    check(sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr), db, "begin");
    sqlite3_bind_int64(insert, 1, i);
    sqlite3_bind_text(insert, 2, "{\"state\":\"submitted\"}", -1, SQLITE_STATIC);
    check(sqlite3_step(insert), db, "insert");
    sqlite3_reset(insert);
    check(sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr), db, "commit");
  }
  double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  sqlite3_finalize(insert);
  sqlite3_close(db);
  return count / seconds;
}

double store_submissions_per_second(const fs::path& file, int count) {
  using namespace kczg;
  auto store = open_store("sqlite:" + file.string(), {.connections = 1});
  if (!store || !(*store)->migrate()) {
    std::fprintf(stderr, "cannot open the store at %s\n", file.c_str());
    std::exit(1);
  }
  Instant at = parse_instant("2023-11-30T23:50:00+08:00").value();
  Actor applicant{Role::applicant, "bench"};
  long long campaign = (*store)->create_campaign(preset_2023(), applicant, at).value();
  std::vector<long long> drafts;
  for (int i = 0; i < count; ++i) {
    // One applicant per application: an applicant has one application per list.
    long long applicant_id =
        (*store)
            ->add_applicant({0, ApplicantKind::enterprise, "企业" + std::to_string(i), "", ""},
                            applicant, at)
            .value();
    Application a;
    a.campaign_id = campaign;
    a.applicant_id = applicant_id;
    a.list = "emerging_enterprise";
    a.title = "企业" + std::to_string(i);
    drafts.push_back((*store)->create_application(a, applicant, at).value());
  }
  auto start = Clock::now();
  for (long long id : drafts) {
    if (!(*store)->submit(id, applicant, at)) {
      std::fprintf(stderr, "submit %lld failed\n", id);
      std::exit(1);
    }
  }
  return count / std::chrono::duration<double>(Clock::now() - start).count();
}

}  // namespace

int main(int argc, char** argv) {
  int count = 2000;
  fs::path dir = "build/bench-data";
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--count")) count = std::atoi(argv[i + 1]);
    if (!std::strcmp(argv[i], "--dir")) dir = argv[i + 1];
  }
  fs::remove_all(dir);
  fs::create_directories(dir);
  // Interleave to even out disk noise: raw, store, raw, store.
  double raw = 0, through_store = 0;
  for (int round = 0; round < 2; ++round) {
    std::string tag = std::to_string(round);
    raw += raw_commits_per_second(dir / ("raw" + tag + ".db"), count) / 2;
    through_store += store_submissions_per_second(dir / ("store" + tag + ".db"), count) / 2;
  }
  std::printf("durable commits, WAL + synchronous=FULL, %d per side x 2 rounds, in %s\n", count,
              dir.c_str());
  std::printf("raw sqlite commits/s:        %10.0f\n", raw);
  std::printf("store submissions/s:         %10.0f\n", through_store);
  std::printf("store / raw:                 %10.1f%%  (goal >= 50%%)\n", 100 * through_store / raw);
  fs::remove_all(dir);
  return through_store / raw >= 0.5 ? 0 : 3;
}
