// Internal: read-only access to a zip archive held in memory, over libzip.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "domain/error.hpp"

struct zip;

namespace kczg::tabular {

// Not thread-safe: one reader at a time per archive.
class ZipArchive {
 public:
  // Opens the archive. REQUIRES: `bytes` outlives the archive (it is not copied).
  // Errors: xlsx_malformed {path, detail} when the bytes are not a readable zip.
  static Result<ZipArchive> open(std::string_view bytes, std::string_view path_for_errors);

  // Returns the uncompressed content of the entry, or std::nullopt when there is no such
  // entry. Errors: xlsx_malformed {path, detail} when the entry cannot be decompressed.
  Result<std::optional<std::string>> read(std::string_view entry_name) const;

 private:
  struct Close {
    void operator()(zip* archive) const;
  };
  ZipArchive(std::unique_ptr<zip, Close> archive, std::string path)
      : m_archive(std::move(archive)), m_path(std::move(path)) {}

  std::unique_ptr<zip, Close> m_archive;
  std::string m_path;
};

}  // namespace kczg::tabular
