// read_table: loads the file and picks the reader by the file's first bytes, because
// people rename files freely (an .xlsx saved as .csv, a .csv downloaded as .xls).
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string>

#include "tabular/table.hpp"

namespace kczg::tabular {

namespace {

constexpr std::string_view k_zip_magic = "PK\x03\x04";
// Legacy .xls and password-protected .xlsx are OLE compound files; parse_xlsx names them.
constexpr std::string_view k_ole_magic = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

struct FileClose {
  void operator()(std::FILE* file) const { std::fclose(file); }
};

Error unreadable(const std::filesystem::path& path, int error_number) {
  return make_error(ErrorCode::file_unreadable, "path", path.string(), "detail",
                    std::strerror(error_number));
}

Result<std::string> read_file(const std::filesystem::path& path) {
  std::unique_ptr<std::FILE, FileClose> file(std::fopen(path.c_str(), "rb"));
  if (!file) return fail(unreadable(path, errno));
  std::string content;
  char chunk[64 * 1024];
  for (;;) {
    const std::size_t got = std::fread(chunk, 1, sizeof chunk, file.get());
    content.append(chunk, got);
    if (got < sizeof chunk) break;
  }
  // A directory opens fine on Linux and fails here with EISDIR.
  if (std::ferror(file.get())) return fail(unreadable(path, errno));
  return content;
}

}  // namespace

Result<Table> read_table(const std::filesystem::path& path) {
  auto bytes = read_file(path);
  if (!bytes) return fail(bytes.error());
  if (bytes->starts_with(k_zip_magic) || bytes->starts_with(k_ole_magic)) {
    return parse_xlsx(*bytes, path.string());
  }
  return parse_csv(*bytes, path.string());
}

}  // namespace kczg::tabular
