// Writes hand-made zip archives, so tests can feed the XLSX reader exactly the XML they
// mean, including what Excel itself never writes.
#pragma once

#include <zip.h>

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace kczg::tabular::testing {

using ZipEntries = std::vector<std::pair<std::string, std::string>>;

// Returns false if libzip fails; the caller asserts.
inline bool write_zip(const std::filesystem::path& path, const ZipEntries& entries) {
  int error = 0;
  zip_t* archive = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
  if (archive == nullptr) return false;
  for (const auto& [name, content] : entries) {
    zip_source_t* source = zip_source_buffer(archive, content.data(), content.size(), 0);
    if (source == nullptr || zip_file_add(archive, name.c_str(), source, ZIP_FL_ENC_UTF_8) < 0) {
      zip_source_free(source);
      zip_discard(archive);
      return false;
    }
  }
  return zip_close(archive) == 0;
}

}  // namespace kczg::tabular::testing
