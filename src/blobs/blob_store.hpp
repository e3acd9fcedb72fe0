// Attachments on disk, content-addressed by SHA-256 under a root such as var/blobs/:
// the same bytes are stored once, a stored file never changes, and put() returns only
// after the file and its directory are fsync'd, so an acknowledged upload survives a
// crash or power loss.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "domain/error.hpp"

namespace kczg::blobs {

struct StoredBlob {
  std::string sha256;  // 64 lower-case hex digits
  std::size_t size = 0;
};

// What the bytes are, by content (libmagic), e.g. "application/pdf", "image/png";
// "unknown" when libmagic or its database cannot be loaded. Thread-safe.
std::string detect_mime(std::string_view bytes);

// SHA-256 of `bytes` as 64 lower-case hex digits. Thread-safe.
std::string sha256_hex(std::string_view bytes);

// Thread-safe: any number of threads, and of processes sharing the root, may put and get
// at once; concurrent puts of the same bytes both succeed and leave one file. The root
// is created on the first put, so a missing or unusable root is reported there.
class BlobStore {
 public:
  explicit BlobStore(std::filesystem::path root);

  // Checks the bytes are a PDF by content and at most `max_size` bytes, then stores them
  // (write to a temp file, fsync, rename to <root>/<ab>/<sha256>, fsync the directory).
  // Errors: attachment_not_pdf {name, detected}, attachment_too_large {name, size, max},
  // file_write_failed {path, detail}.
  Result<StoredBlob> put_pdf(std::string_view name, std::string_view bytes, std::size_t max_size);
  // The bytes of a stored blob; nullopt when absent, including when `sha256` is not 64
  // lower-case hex digits (so it never names a path outside the root). The digest is
  // re-checked on read: a file whose content no longer matches its name is reported as
  // absent.
  std::optional<std::string> get(std::string_view sha256) const;
  // Whether a file is stored under that name; its content is not re-checked.
  bool contains(std::string_view sha256) const;
  const std::filesystem::path& root() const { return m_root; }

 private:
  std::filesystem::path m_root;
};

}  // namespace kczg::blobs
