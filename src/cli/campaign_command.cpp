// kczg migrate; kczg campaign create | show | set-target | set-quota
#include <ostream>

#include "cli/commands.hpp"
#include "domain/presets.hpp"
#include "i18n/labels.hpp"
#include "web/api/campaign_json.hpp"

namespace kczg::cli {
namespace {

Result<StoredCampaign> campaign_for(Store& store, int year) {
  return year ? store.campaign_by_year(year) : store.latest_campaign();
}

void print_lists(const Context& ctx, const Campaign& c) {
  std::ostream& out = *ctx.out;
  out << ctx.text("ui.lists") << ":\n";
  for (const List& l : c.lists) {
    out << "  " << in_lang(ctx.lang, l.name_zh, l.name_en) << " (" << l.code << ")  "
        << ctx.text("ui.target") << " " << l.target_size << "\n";
    if (!l.fields.empty()) {
      out << "    " << ctx.text("ui.fields") << ":";
      for (const Field& f : l.fields) out << " " << in_lang(ctx.lang, f.name_zh, f.name_en);
      out << "\n";
    }
    if (l.separately_organised) {
      out << "    " << ctx.text("ui.separately_organised") << "\n";
      continue;
    }
    out << "    " << ctx.text(l.fields.empty() ? "ui.quota" : "ui.quota_per_field") << ":";
    for (const Channel& ch : c.channels) {
      auto it = l.quota_per_channel.find(ch.code);
      out << " " << ch.code << "=" << (it == l.quota_per_channel.end() ? 0 : it->second);
    }
    out << "\n";
  }
}

void print_phases(const Context& ctx, const Campaign& c) {
  std::ostream& out = *ctx.out;
  out << ctx.text("ui.phases") << ":\n";
  for (const Phase& p : c.phases) {
    out << "  " << phase_label(p.kind, ctx.lang) << "  ";
    if (p.starts_at && p.ends_at) {
      out << format_shanghai(*p.starts_at) << " — " << format_shanghai(*p.ends_at);
    } else {
      out << ctx.text("ui.not_scheduled");
    }
    if (!p.stated_as.empty()) out << "  (" << p.stated_as << ")";
    out << "\n";
  }
}

void print_text(const Context& ctx, const StoredCampaign& stored, std::size_t units,
                const std::map<std::string, int>& by_state) {
  const Campaign& c = stored.campaign;
  std::ostream& out = *ctx.out;
  out << in_lang(ctx.lang, c.name_zh, c.name_en) << "  [" << ctx.text("ui.preset") << " "
      << (c.preset.empty() ? "-" : c.preset) << "]\n";
  print_lists(ctx, c);
  print_phases(ctx, c);
  if (!c.review_bodies.empty()) {
    out << ctx.text("ui.review_bodies") << ": " << c.review_bodies.size() << "\n";
  }
  out << ctx.text("ui.units") << ": " << units << "\n";
  int total = 0;
  for (const auto& [state, n] : by_state) total += n;
  out << ctx.text("ui.applications") << ": " << total;
  for (const auto& [state, n] : by_state) out << "  " << state_label(state, ctx.lang) << " " << n;
  out << "\n";
  if (!c.notes.empty()) {
    out << ctx.text("ui.notes") << ":\n";
    for (const std::string& note : c.notes) out << "  - " << note << "\n";
  }
}

}  // namespace

int run_migrate(const Context& ctx) {
  auto store = open_store(ctx.db_url);
  if (!store) return report(ctx, store.error());
  auto version = (*store)->migrate();
  if (!version) return report(ctx, version.error());
  *ctx.out << ctx.text("ui.migrated", {{"version", std::to_string(*version)}}) << "\n";
  return k_exit_ok;
}

int run_campaign_create(const Context& ctx, const std::string& preset) {
  auto campaign = campaign_preset(preset);
  if (!campaign) return report(ctx, campaign.error());
  auto store = open_migrated(ctx);
  if (!store) return report(ctx, store.error());
  auto id = (*store)->create_campaign(*campaign, ctx.actor, now());
  if (!id) return report(ctx, id.error());
  *ctx.out << ctx.text("ui.campaign_created",
                       {{"year", std::to_string(campaign->year)}, {"id", std::to_string(*id)}})
           << "\n";
  return k_exit_ok;
}

int run_campaign_show(const Context& ctx, const std::string& format, int year) {
  auto store = open_migrated(ctx);
  if (!store) return report(ctx, store.error());
  auto stored = campaign_for(**store, year);
  if (!stored) return report(ctx, stored.error());
  auto units = (*store)->units();
  if (!units) return report(ctx, units.error());
  auto by_state = (*store)->count_by_state(stored->id);
  if (!by_state) return report(ctx, by_state.error());
  if (format == "json") {
    *ctx.out << web::campaign_to_json(stored->campaign, stored->id, units->size(), *by_state)
             << "\n";
  } else {
    print_text(ctx, *stored, units->size(), *by_state);
  }
  return k_exit_ok;
}

int run_campaign_set_target(const Context& ctx, int year, const std::string& list, int size) {
  auto store = open_migrated(ctx);
  if (!store) return report(ctx, store.error());
  auto stored = campaign_for(**store, year);
  if (!stored) return report(ctx, stored.error());
  if (auto done = (*store)->set_list_target(stored->id, list, size, ctx.actor, now()); !done) {
    return report(ctx, done.error());
  }
  *ctx.out << ctx.text("ui.target_set", {{"list", list}, {"size", std::to_string(size)}}) << "\n";
  return k_exit_ok;
}

int run_campaign_set_quota(const Context& ctx, int year, const std::string& list,
                           const std::string& channel, int per_unit) {
  auto store = open_migrated(ctx);
  if (!store) return report(ctx, store.error());
  auto stored = campaign_for(**store, year);
  if (!stored) return report(ctx, stored.error());
  auto done = (*store)->set_channel_quota(stored->id, list, channel, per_unit, ctx.actor, now());
  if (!done) return report(ctx, done.error());
  *ctx.out << ctx.text(
                  "ui.quota_set",
                  {{"list", list}, {"channel", channel}, {"per_unit", std::to_string(per_unit)}})
           << "\n";
  return k_exit_ok;
}

}  // namespace kczg::cli
