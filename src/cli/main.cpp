// The kczg command: parses the command line (CLI11) and hands over to src/cli commands.
#include <CLI/CLI.hpp>

#include <cstdlib>
#include <iostream>

#include "cli/commands.hpp"
#include "web/applications/report_tables.hpp"

namespace {

using namespace kczg;

// zh unless --lang, KCZG_LANG or LANG says English.
Lang default_lang() {
  for (const char* var : {"KCZG_LANG", "LANG"}) {
    if (const char* value = std::getenv(var); value && *value) {
      if (auto lang = lang_from_name(value)) return *lang;
    }
  }
  return Lang::zh;
}

std::string default_db() {
  const char* db = std::getenv("KCZG_DB");
  return db && *db ? db : "sqlite:var/kczg.db";
}

std::string cli_actor() {
  const char* user = std::getenv("USER");
  return std::string("cli:") + (user && *user ? user : "unknown");
}

}  // namespace

int main(int argc, char** argv) {
  cli::Context ctx{
      default_db(), default_lang(), {Role::secretariat, cli_actor()}, &std::cout, &std::cerr};
  CLI::App app{"kczg — 科创中国 lists campaign platform"};
  app.require_subcommand(1);
  app.fallthrough();  // global options may follow the subcommand: `campaign show --lang en`
  app.add_option("--db", ctx.db_url,
                 "sqlite:PATH or postgresql://… (default $KCZG_DB or sqlite:var/kczg.db)");
  std::string lang_name;
  app.add_option("--lang", lang_name, "zh or en")->check(CLI::IsMember({"zh", "en"}));

  int rc = cli::k_exit_ok;
  app.add_subcommand("migrate", "bring the database schema up to date")->callback([&] {
    rc = cli::run_migrate(ctx);
  });

  auto* campaign = app.add_subcommand("campaign", "campaigns")->require_subcommand(1);
  std::string preset;
  auto* create = campaign->add_subcommand("create", "create a campaign from a preset");
  create->add_option("--preset", preset, "2022 or 2023")->required();
  create->callback([&] { rc = cli::run_campaign_create(ctx, preset); });
  std::string format = "text";
  int year = 0;
  auto* show = campaign->add_subcommand("show", "show a campaign (default: the latest)");
  show->add_option("--format", format)->check(CLI::IsMember({"text", "json"}));
  show->add_option("--year", year);
  show->callback([&] { rc = cli::run_campaign_show(ctx, format, year); });
  std::string list, channel;
  int number = 0;
  auto* target = campaign->add_subcommand("set-target", "set a list's target size");
  target->add_option("--year", year);
  target->add_option("--list", list)->required();
  target->add_option("--size", number)->required();
  target->callback([&] { rc = cli::run_campaign_set_target(ctx, year, list, number); });
  auto* quota = campaign->add_subcommand("set-quota", "set the per-unit quota a channel grants");
  quota->add_option("--year", year);
  quota->add_option("--list", list)->required();
  quota->add_option("--channel", channel)->required();
  quota->add_option("--per-unit", number)->required();
  quota->callback([&] { rc = cli::run_campaign_set_quota(ctx, year, list, channel, number); });

  std::string file;
  auto* import = app.add_subcommand("import", "import data")->require_subcommand(1);
  auto* units =
      import->add_subcommand("units", "import recommending units (CSV UTF-8/GB18030, XLSX)");
  units->add_option("FILE", file)->required();
  units->callback([&] { rc = cli::run_import_units(ctx, file); });
  std::string body;
  auto* experts =
      import->add_subcommand("experts", "import a review body's experts (CSV UTF-8/GB18030, XLSX)");
  experts->add_option("FILE", file)->required();
  experts->add_option("--body", body, "the review body's name")->required();
  experts->callback([&] { rc = cli::run_import_experts(ctx, file, body); });
  auto* listed = import->add_subcommand(
      "listed", "import earlier years' published lists for the formal check (CSV, XLSX)");
  listed->add_option("FILE", file)->required();
  listed->callback([&] { rc = cli::run_import_listed(ctx, file); });
  std::string poster;
  auto* demands = import->add_subcommand(
      "demands", "import technical demands for review (CSV UTF-8/GB18030, XLSX), all or none");
  demands->add_option("FILE", file)->required();
  demands->add_option("--poster", poster, "the posting account's login (a pilot city admin)")
      ->required();
  demands->callback([&] { rc = cli::run_import_demands(ctx, file, poster); });
  auto* match = app.add_subcommand("match", "supply–demand matching")->require_subcommand(1);
  match->add_subcommand("run", "match every open demand again, proposing and mailing new matches")
      ->callback([&] { rc = cli::run_match(ctx); });

  bool dry_run = false;
  auto* assign = app.add_subcommand("assign", "assign experts to a review body's applications");
  assign->add_option("--body", body, "the review body's name")->required();
  assign->add_flag("--dry-run", dry_run, "show the result without storing it");
  assign->callback([&] { rc = cli::run_assign(ctx, body, dry_run); });
  auto* review =
      app.add_subcommand("review", "review bodies and their plans")->require_subcommand(1);
  std::vector<std::string> covers;
  std::string reason;
  bool final_panel = false;
  auto* appoint = review->add_subcommand("appoint", "appoint a review body (secretariat)");
  appoint->add_option("--body", body)->required();
  appoint->add_option("--cover", covers, "LIST or LIST/FIELD, repeatable")->required();
  appoint->add_flag("--final-panel", final_panel,
                    "the final panel: scores the shortlisted candidates in the final review");
  appoint->callback([&] { rc = cli::run_review_appoint(ctx, body, covers, final_panel); });
  auto* plan = review->add_subcommand("plan", "save a body's review plan from JSON");
  plan->add_option("--body", body)->required();
  plan->add_option("FILE", file)->required();
  plan->callback([&] { rc = cli::run_review_plan(ctx, body, file); });
  auto* file_plan = review->add_subcommand("file", "file the plan with the secretariat (备案)");
  file_plan->add_option("--body", body)->required();
  file_plan->callback([&] { rc = cli::run_review_action(ctx, body, PlanAction::file, ""); });
  auto* approve = review->add_subcommand("approve", "approve a filed plan (secretariat)");
  approve->add_option("--body", body)->required();
  approve->callback([&] { rc = cli::run_review_action(ctx, body, PlanAction::approve, ""); });
  auto* send_back = review->add_subcommand("return", "return a filed plan with a reason");
  send_back->add_option("--body", body)->required();
  send_back->add_option("--reason", reason)->required();
  send_back->callback([&] { rc = cli::run_review_action(ctx, body, PlanAction::return_, reason); });
  auto* show_plan =
      review->add_subcommand("show", "a body's plan and whether its pool can staff it");
  show_plan->add_option("--body", body)->required();
  show_plan->callback([&] { rc = cli::run_review_show(ctx, body); });

  long long application = 0, from = 0, to = 0;
  auto* reassign =
      app.add_subcommand("reassign", "replace one expert of an application, checked by every rule");
  reassign->add_option("--body", body, "the review body's name")->required();
  reassign->add_option("--application", application)->required();
  reassign->add_option("--from", from, "the expert who no longer reads it")->required();
  reassign->add_option("--to", to, "the expert who reads it instead")->required();
  reassign->callback([&] { rc = cli::run_reassign(ctx, body, application, from, to); });

  std::string out;
  auto* exporting = app.add_subcommand("export", "export data")->require_subcommand(1);
  auto* applications = exporting->add_subcommand("applications", "export applications");
  std::string export_format = "csv";
  applications->add_option("--format", export_format)->check(CLI::IsMember({"csv", "xlsx"}));
  applications->add_option("--out", out)->required();
  applications->add_option("--year", year);
  applications->callback([&] { rc = cli::run_export_applications(ctx, export_format, out, year); });
  auto* assignments = exporting->add_subcommand(
      "assignments", "export a review body's assignment with the shared terms of each pair");
  assignments->add_option("--body", body, "the review body's name")->required();
  assignments->add_option("--format", export_format)->check(CLI::IsMember({"csv", "xlsx"}));
  assignments->add_option("--out", out)->required();
  assignments->callback([&] { rc = cli::run_export_assignments(ctx, body, export_format, out); });

  std::string report_name;
  auto* report_export = exporting->add_subcommand(
      "report", "export a report table of a campaign, as the secretariat's overview offers it");
  report_export
      ->add_option("--table", report_name,
                   "statistics, formal_check, assignments, scores, rankings, decisions, "
                   "objections, applications or recommendations")
      ->required()
      ->check(CLI::IsMember(web::report_table_names()));
  report_export->add_option("--format", export_format)->check(CLI::IsMember({"csv", "xlsx"}));
  report_export->add_option("--out", out)->required();
  report_export->add_option("--year", year, "the campaign's year (default: the latest)");
  report_export->callback(
      [&] { rc = cli::run_export_report(ctx, report_name, export_format, out, year); });

  auto* audit = app.add_subcommand("audit", "the audit log")->require_subcommand(1);
  auto* audit_export =
      audit->add_subcommand("export", "export the audit log (CSV, or XLSX by extension)");
  audit_export->add_option("--out", out)->required();
  audit_export->callback([&] { rc = cli::run_audit_export(ctx, out); });

  cli::LibrarySearch library_search;
  auto* library = app.add_subcommand("library", "the achievements library")->require_subcommand(1);
  auto* search = library->add_subcommand("search", "search the library as /library does");
  search->add_option("QUERY", library_search.q, "keywords, all required");
  search->add_option("--list", library_search.list);
  search->add_option("--field", library_search.field);
  search->add_option("--year", library_search.year);
  search->add_option("--region", library_search.region, "GB/T 2260 prefix: 2, 4 or 6 digits");
  search->add_option("--maturity", library_search.maturity,
                     "research | prototype | pilot | production | market");
  search->add_option("--page", library_search.page, "from 1");
  search->add_option("--limit", library_search.limit)->check(CLI::Range(1, 1000));
  search->add_flag("--json", library_search.json, "JSON lines");
  search->callback([&] { rc = cli::run_library_search(ctx, library_search); });

  cli::ServeOptions serve_options;
  auto* serve = app.add_subcommand("serve", "serve the web UI and JSON API");
  serve->add_option("--listen", serve_options.listen, "ADDRESS:PORT (port 0: any free port)");
  serve->add_option("--workers", serve_options.workers, "handler threads")
      ->check(CLI::Range(1, 256));
  serve
      ->add_option("--io-threads", serve_options.io_threads,
                   "socket I/O threads (cached public pages are answered on them)")
      ->check(CLI::Range(1, 64));
  serve->add_option("--static", serve_options.static_dir, "directory of CSS and JS");
  serve
      ->add_option("--blobs", serve_options.blob_dir,
                   "directory of uploaded attachments (content-addressed)")
      ->envname("KCZG_BLOBS");
  serve->add_flag("--quiet", serve_options.quiet, "no access log");
  serve->callback([&] { rc = cli::run_serve(ctx, serve_options); });

  auto* demo = app.add_subcommand("demo", "demo data")->require_subcommand(1);
  std::string demo_preset = "2023", demo_units = "demo/units.csv";
  auto* load = demo->add_subcommand("load", "load a demo campaign with units and applications");
  load->add_option("--preset", demo_preset);
  load->add_option("--units", demo_units);
  bool demo_live = false;
  load->add_flag("--live", demo_live,
                 "move the campaign's phases so that its collection phase is open now");
  std::string demo_stage = "collection";
  load->add_option("--stage", demo_stage,
                   "with --live: collection (open now) or final_review (open now, the demo "
                   "body's shortlist reported)")
      ->check(CLI::IsMember({"collection", "final_review", "published"}));
  load->callback([&] {
    rc = cli::run_demo_load(ctx, demo_preset, demo_units, demo_live,
                            demo_stage == "final_review" ? cli::DemoStage::final_review
                            : demo_stage == "published"  ? cli::DemoStage::published
                                                         : cli::DemoStage::collection);
  });

  cli::SimulateOptions simulate_options;
  auto* simulate = app.add_subcommand(
      "simulate", "play a whole generated campaign into the database, from units to shortlist");
  simulate->add_option("--preset", simulate_options.preset, "2022 or 2023")
      ->check(CLI::IsMember({"2022", "2023"}));
  simulate->add_option("--scale", simulate_options.scale, "1.0: about 2,281 applications")
      ->check(CLI::Range(0.001, 10.0));
  simulate->add_option("--seed", simulate_options.seed, "the same seed gives the same campaign");
  simulate->add_flag("--json", simulate_options.json, "print the summary as JSON");
  simulate->callback([&] { rc = cli::run_simulate(ctx, simulate_options); });

  // Language first, so usage errors already speak it.
  app.parse_complete_callback([&] {
    if (!lang_name.empty()) ctx.lang = *lang_from_name(lang_name);
  });
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) return app.exit(e);  // --help
    if (!lang_name.empty()) ctx.lang = *lang_from_name(lang_name);
    cli::report(ctx, make_error(ErrorCode::usage, "detail", e.what()));
    std::cerr << app.help();
    return cli::k_exit_usage;
  }
  return rc;
}
