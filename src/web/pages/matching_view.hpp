// What the library, demand and match pages show alike: maturity and cooperation in the
// reader's language, a choice list, a summary's first characters, the fields of the
// lists, and a demand or a match as a row.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "match/demand_match.hpp"
#include "web/render.hpp"

namespace kczg::web {

using Choices = std::vector<std::pair<std::string, std::string>>;  // code, name

std::string maturity_label(std::optional<Maturity> maturity, Lang lang);
std::string cooperation_label(const std::vector<Cooperation>& cooperation, Lang lang);
Choices maturity_choices(Lang lang);
// The fields of `campaign`'s lists, each once, in the lists' order; none without one.
Choices field_choices(const Campaign* campaign, Lang lang);
// `code`'s name among `choices`, or the code.
std::string choice_name(const Choices& choices, std::string_view code);
// [{code, name, selected}] for a <select>.
View options(const Choices& choices, std::string_view chosen);
// The first `n` characters of `text`, with "…" when cut.
std::string excerpt(std::string_view text, std::size_t n);

// A demand as pages show it; the contact only when `contact` (the caller may see it).
View demand_view(const Demand& demand, const Choices& fields, bool contact, Lang lang);
// Why a match ranks where it does: the phrases both texts use, the same field, nearby,
// mature enough.
View match_reasons(const match::Match& match, Lang lang);

}  // namespace kczg::web
