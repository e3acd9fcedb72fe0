#include "tabular/zip_archive.hpp"

#include <zip.h>

#include <array>

namespace kczg::tabular {

namespace {

Error malformed(std::string_view path, std::string detail) {
  return make_error(ErrorCode::xlsx_malformed, "path", path, "detail", std::move(detail));
}

struct EntryClose {
  void operator()(zip_file_t* file) const { zip_fclose(file); }
};

}  // namespace

void ZipArchive::Close::operator()(zip* archive) const { zip_discard(archive); }

Result<ZipArchive> ZipArchive::open(std::string_view bytes, std::string_view path_for_errors) {
  zip_error_t error;
  zip_error_init(&error);
  // freep = 0: the source reads the caller's buffer and never frees it.
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  if (source == nullptr) {
    std::string detail = zip_error_strerror(&error);
    zip_error_fini(&error);
    return fail(malformed(path_for_errors, "zip: " + detail));
  }
  zip_t* archive = zip_open_from_source(source, ZIP_RDONLY, &error);
  if (archive == nullptr) {
    std::string detail = zip_error_strerror(&error);
    zip_error_fini(&error);
    zip_source_free(source);  // on failure the source still belongs to us
    return fail(malformed(path_for_errors, "zip: " + detail));
  }
  zip_error_fini(&error);
  return ZipArchive(std::unique_ptr<zip, Close>(archive), std::string(path_for_errors));
}

Result<std::optional<std::string>> ZipArchive::read(std::string_view entry_name) const {
  const std::string name(entry_name);
  const zip_int64_t index = zip_name_locate(m_archive.get(), name.c_str(), 0);
  if (index < 0) return std::optional<std::string>();

  std::unique_ptr<zip_file_t, EntryClose> file(zip_fopen_index(m_archive.get(), index, 0));
  if (!file) {
    return fail(malformed(m_path, name + ": " + zip_strerror(m_archive.get())));
  }
  // Read in chunks rather than trusting the size the directory claims.
  std::string content;
  std::array<char, 64 * 1024> chunk{};
  for (;;) {
    const zip_int64_t got = zip_fread(file.get(), chunk.data(), chunk.size());
    if (got < 0) {
      return fail(malformed(m_path, name + ": " + zip_file_strerror(file.get())));
    }
    if (got == 0) break;
    content.append(chunk.data(), static_cast<std::size_t>(got));
  }
  return std::optional<std::string>(std::move(content));
}

}  // namespace kczg::tabular
