// The achievements library (成果库): every published entry as a public profile. The
// published record (year, list, field, name, holder, summary) stays as it was published;
// the holder keeps the cooperation-facing parts up to date — how mature the item is, what
// cooperation they seek, a note for partners — and every change is audited.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/error.hpp"
#include "domain/instant.hpp"

namespace kczg {

// How far a listed technology or enterprise has come (技术成熟度), as the holder states it.
enum class Maturity { research, prototype, pilot, production, market };
std::string_view maturity_name(Maturity maturity);
std::optional<Maturity> maturity_from_name(std::string_view name);
inline constexpr Maturity k_maturities[] = {Maturity::research, Maturity::prototype,
                                            Maturity::pilot, Maturity::production,
                                            Maturity::market};

// What kind of cooperation the holder seeks (合作方式).
enum class Cooperation { licence, transfer, joint_development, investment };
std::string_view cooperation_name(Cooperation cooperation);
std::optional<Cooperation> cooperation_from_name(std::string_view name);
inline constexpr Cooperation k_cooperations[] = {Cooperation::licence, Cooperation::transfer,
                                                 Cooperation::joint_development,
                                                 Cooperation::investment};

// "licence,investment" and back, as files and columns keep a choice of cooperation;
// unknown codes are skipped.
std::string cooperation_codes(const std::vector<Cooperation>& cooperation);
std::vector<Cooperation> cooperation_from_codes(std::string_view codes);

// What the holder keeps up to date.
struct HolderParts {
  std::optional<Maturity> maturity;      // nullopt until stated
  std::vector<Cooperation> cooperation;  // sought, in k_cooperations order, no repeats
  std::string note;                      // for partners: what they look for, how to start

  bool operator==(const HolderParts&) const = default;
};

inline constexpr std::size_t k_holder_note_max = 2000;  // characters

// Error holder_note_too_long {length, max} for a note over k_holder_note_max characters.
Result<void> check_holder_parts(const HolderParts& parts);

// One profile of the library as stored: a published entry and its holder's parts.
struct LibraryRecord {
  long long id = 0;  // the listed entry's
  int year = 0;
  std::string list;
  std::string field;  // "" when unknown (entries imported from earlier years' files)
  std::string name;
  std::string holder;
  std::string holder_uscc;
  std::string summary;
  long long application_id = 0;  // 0 for entries imported from files: no holder account
  HolderParts parts;
  std::optional<Instant> parts_updated_at;

  bool operator==(const LibraryRecord&) const = default;
};

// The 6-digit administrative division a USCC was registered in (characters 3–8), or ""
// for anything that is no 18-character USCC.
std::string region_of_uscc(std::string_view uscc);

}  // namespace kczg
