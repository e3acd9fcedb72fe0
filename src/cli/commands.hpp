// The kczg subcommands. Each returns an exit code (see context.hpp) and writes its
// output and errors through the Context; none parses the command line itself.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "cli/context.hpp"

namespace kczg::cli {

int run_migrate(const Context& context);

int run_campaign_create(const Context& context, const std::string& preset);
// format: "text" or "json"; year 0 means the latest campaign.
int run_campaign_show(const Context& context, const std::string& format, int year);
int run_campaign_set_target(const Context& context, int year, const std::string& list, int size);
int run_campaign_set_quota(const Context& context, int year, const std::string& list,
                           const std::string& channel, int per_unit);

int run_import_units(const Context& context, const std::filesystem::path& file);
// The rows of a units file (CSV or XLSX, columns as `import units` reads them), unchecked.
Result<std::vector<UnitRow>> read_unit_rows(const std::filesystem::path& file);
// The review body's expert pool from CSV/XLSX (columns as expert_columns() names them);
// a bad file is refused whole with every bad row listed.
// One exact assignment run of the review body under its plan: conflicts, affinity and
// min-cost flow; prints the objective, its bound and every application left short, and
// stores the assignment unless --dry-run (storing needs an approved plan).
int run_assign(const Context& context, const std::string& body, bool dry_run);
// The body's assignment as CSV or XLSX, each pair with its affinity and the phrases the
// application and the expert's profile share (why the pair was chosen).
int run_export_assignments(const Context& context, const std::string& body,
                           const std::string& format, const std::filesystem::path& out);
// A manual change after assigning: `from` no longer reads `application`, `to` does; refused
// with every rule it would break (k, load, conflicts, bans, forced pairs, sector mix).
int run_reassign(const Context& context, const std::string& body, long long application,
                 long long from, long long to);
// Review bodies and plans: the secretariat appoints a body to lists ("list") or fields
// ("list/field"); a plan is saved from JSON (as `review show` prints it), filed for the
// body, approved or returned by the secretariat; show prints the plan and whether the
// body's pool can staff it.
// A final panel (final_panel) scores the shortlisted candidates in the final review.
int run_review_appoint(const Context& context, const std::string& body,
                       const std::vector<std::string>& covers, bool final_panel);
int run_review_plan(const Context& context, const std::string& body,
                    const std::filesystem::path& file);
int run_review_action(const Context& context, const std::string& body, PlanAction action,
                      const std::string& reason);
int run_review_show(const Context& context, const std::string& body);
// The demo's review body "演示·评审机构" (pioneer technologies), its generated experts and
// its draft plan; nothing new when the campaign already has it.
// The demo's earlier lists, generated, with two planted repeats of demo applications;
// nothing when they are stored already (other earlier lists may be there too).
Result<void> load_demo_listed(Store& store, Instant now);

// kczg import demands FILE --poster LOGIN; kczg match run (see demand_command.cpp).
int run_import_demands(const Context& context, const std::filesystem::path& file,
                       const std::string& poster_login);
int run_match(const Context& context);
struct DemoReview {
  long long body_id = 0;    // the demo body, which review@demo.kczg.cn administers
  long long expert_id = 0;  // the pool entry expert@demo.kczg.cn reads as
};
Result<DemoReview> load_demo_review(Store& store, const StoredCampaign& stored, Instant now);
// Earlier years' lists: columns year, list, name, holder, holder_uscc, summary (or 入选年份,
// 榜单, 名称, 完成单位, 统一社会信用代码, 简介); refused whole with every bad row.
int run_import_listed(const Context& context, const std::filesystem::path& file);
int run_import_experts(const Context& context, const std::filesystem::path& file,
                       const std::string& body);

// format: "csv" or "xlsx".
int run_export_applications(const Context& context, const std::string& format,
                            const std::filesystem::path& out, int year);
// One of web::report_table_names() of the campaign of `year` (0: the latest).
int run_export_report(const Context& context, const std::string& table, const std::string& format,
                      const std::filesystem::path& out, int year);
int run_audit_export(const Context& context, const std::filesystem::path& out);

// The achievements library's search, as /library takes it.
struct LibrarySearch {
  std::string q, list, field, year, region, maturity, page;
  std::size_t limit = 20;
  bool json = false;  // JSON lines instead of a table
};
int run_library_search(const Context& context, const LibrarySearch& search);

struct ServeOptions {
  std::string listen = "127.0.0.1:8080";
  int workers = 4;
  int io_threads = 1;
  std::string static_dir = "static";
  std::string blob_dir = "var/blobs";
  bool quiet = false;  // no access log
};
// Serves the web UI and API until SIGTERM/SIGINT.
int run_serve(const Context& context, const ServeOptions& options);

// kczg simulate: a whole campaign of `preset` generated at `scale` (1.0: about 2,281
// applications) from `seed` and played through the store on a simulated clock, from units
// and applications to the preliminary review's shortlist; prints the summary (text, or
// JSON). Refused with campaign_exists when the database has a campaign of that year.
struct SimulateOptions {
  std::string preset = "2023";
  double scale = 1.0;
  std::uint64_t seed = 1;
  bool json = false;
};
int run_simulate(const Context& context, const SimulateOptions& options);

// Where `kczg demo load --live` puts today: in the collection phase (applicants filing),
// or in the final review with the demo body's shortlist reported.
// collection: applicants filing; final_review: the demo body's shortlist reported;
// published: the final review decided as proposed, the lists published two weeks ago, and
// demands and matches after them.
enum class DemoStage { collection, final_review, published };

// The demo's pilot city admin (温州, 330300) and, once the lists are published, the holder
// of the first published entry.
inline constexpr std::string_view k_demo_pilot_city = "pilot@demo.kczg.cn";
inline constexpr std::string_view k_demo_holder = "holder@demo.kczg.cn";

// Loads the demo: the campaign of `preset`, demo/units.csv and synthetic applications;
// when `live`, its phases moved so that today falls in `stage`.
int run_demo_load(const Context& context, const std::string& preset,
                  const std::filesystem::path& units_file, bool live, DemoStage stage);
// The demo campaign's preliminary review played on its own past clock: the formal check,
// the demo body's plan filed and approved, the assignment, every pair scored, two per
// field shortlisted, the pioneer list's target set below the shortlist. Nothing when the
// demo body has an assignment already.
Result<void> play_demo_review(Store& store, const StoredCampaign& stored);
// The demo's final review decided as proposed and its lists published, on the campaign's
// own clock; once.
Result<void> publish_demo_lists(Store& store, const StoredCampaign& stored);
// Demands and matches after the published lists (see demo_matching.cpp); once.
Result<void> load_demo_matching(Store& store, const StoredCampaign& stored,
                                const std::string& password_hash);

}  // namespace kczg::cli
