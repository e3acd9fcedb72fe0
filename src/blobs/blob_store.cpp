#include "blobs/blob_store.hpp"

#include <fcntl.h>
#include <magic.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <fstream>
#include <system_error>
#include <utility>

namespace kczg::blobs {
namespace fs = std::filesystem;

namespace {

// Once per process, not per hash. Its result is not checked: hashing needs no entropy,
// and randombytes_buf aborts on its own where none can be had.
void init_sodium_once() { [[maybe_unused]] static const int status = sodium_init(); }

// A magic_t may be used by one thread at a time, and loading the database takes a few
// milliseconds, so each worker thread keeps its own cookie for its lifetime.
class MagicCookie {
 public:
  MagicCookie() : m_cookie(magic_open(MAGIC_MIME_TYPE)) {
    if (m_cookie != nullptr && magic_load(m_cookie, nullptr) != 0) {
      magic_close(m_cookie);
      m_cookie = nullptr;
    }
  }
  ~MagicCookie() {
    if (m_cookie != nullptr) magic_close(m_cookie);
  }
  MagicCookie(const MagicCookie&) = delete;
  MagicCookie& operator=(const MagicCookie&) = delete;

  // Null when libmagic or its database could not be loaded.
  magic_t get() const { return m_cookie; }

 private:
  magic_t m_cookie;
};

Error write_failed(const fs::path& path, int err) {
  return make_error(ErrorCode::file_write_failed, "path", path.string(), "detail",
                    std::generic_category().message(err));
}

// Closes on destruction for the early returns; close() reports the error that a
// delayed write-back may only reveal there.
class FileDescriptor {
 public:
  explicit FileDescriptor(int fd) : m_fd(fd) {}
  ~FileDescriptor() {
    if (m_fd >= 0) ::close(m_fd);
  }
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;

  int get() const { return m_fd; }
  // Returns 0 or the errno of close().
  int close() {
    int result = ::close(std::exchange(m_fd, -1));
    return result == 0 ? 0 : errno;
  }

 private:
  int m_fd;
};

Result<void> fsync_directory(const fs::path& dir) {
  FileDescriptor fd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (fd.get() < 0 || ::fsync(fd.get()) != 0) return fail(write_failed(dir, errno));
  return {};
}

// Creates `dir` and its missing parents. Each new entry is fsync'd in its parent: a blob
// that survives a crash is of no use if the directory leading to it does not.
Result<void> ensure_directory(const fs::path& dir) {
  std::error_code ec;
  if (fs::is_directory(dir, ec)) return {};
  fs::path parent = dir.parent_path();
  if (!parent.empty() && parent != dir) {
    if (auto made = ensure_directory(parent); !made) return made;
  }
  if (::mkdir(dir.c_str(), 0755) != 0) {
    int err = errno;
    if (err == EEXIST && fs::is_directory(dir, ec)) return {};  // another thread or process
    return fail(write_failed(dir, err == EEXIST ? ENOTDIR : err));
  }
  return fsync_directory(parent.empty() ? fs::path(".") : parent);
}

// REQUIRES: nothing exists at `path`. On failure nothing is left there either.
Result<void> write_new_file(const fs::path& path, std::string_view bytes) {
  FileDescriptor fd(::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644));
  if (fd.get() < 0) return fail(write_failed(path, errno));  // not ours: leave it
  int err = 0;
  while (err == 0 && !bytes.empty()) {
    ssize_t written = ::write(fd.get(), bytes.data(), bytes.size());
    if (written >= 0) {
      bytes.remove_prefix(static_cast<std::size_t>(written));
    } else if (errno != EINTR) {
      err = errno;
    }
  }
  if (err == 0 && ::fsync(fd.get()) != 0) err = errno;
  if (int closed = fd.close(); err == 0) err = closed;
  if (err == 0) return {};
  ::unlink(path.c_str());
  return fail(write_failed(path, err));
}

// Random, so that neither another thread or process nor a crashed run's leftover holds
// the name. Leftovers are the names in a shard that are not 64 hex digits.
std::string temp_name(std::string_view sha256) {
  init_sodium_once();
  std::array<unsigned char, 8> random{};
  randombytes_buf(random.data(), random.size());
  std::array<char, 2 * random.size() + 1> hex{};
  sodium_bin2hex(hex.data(), hex.size(), random.data(), random.size());
  return std::string(sha256) + ".tmp-" + hex.data();
}

bool is_blob_name(std::string_view name) {
  if (name.size() != 2 * crypto_hash_sha256_BYTES) return false;
  for (char c : name) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

fs::path shard_of(const fs::path& root, std::string_view sha256) {
  return root / sha256.substr(0, 2);
}

}  // namespace

std::string detect_mime(std::string_view bytes) {
  thread_local MagicCookie cookie;
  if (cookie.get() == nullptr) return "unknown";
  const char* mime = magic_buffer(cookie.get(), bytes.empty() ? "" : bytes.data(), bytes.size());
  return mime != nullptr ? mime : "unknown";
}

std::string sha256_hex(std::string_view bytes) {
  init_sodium_once();
  std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
  crypto_hash_sha256(digest.data(), reinterpret_cast<const unsigned char*>(bytes.data()),
                     bytes.size());
  std::array<char, 2 * digest.size() + 1> hex{};
  sodium_bin2hex(hex.data(), hex.size(), digest.data(), digest.size());
  return hex.data();
}

BlobStore::BlobStore(fs::path root) : m_root(std::move(root)) {}

Result<StoredBlob> BlobStore::put_pdf(std::string_view name, std::string_view bytes,
                                      std::size_t max_size) {
  if (bytes.size() > max_size) {
    return fail(make_error(ErrorCode::attachment_too_large, "name", name, "size",
                           std::to_string(bytes.size()), "max", std::to_string(max_size)));
  }
  if (std::string detected = detect_mime(bytes); detected != "application/pdf") {
    return fail(make_error(ErrorCode::attachment_not_pdf, "name", name, "detected", detected));
  }
  StoredBlob blob{sha256_hex(bytes), bytes.size()};
  fs::path shard = shard_of(m_root, blob.sha256);
  fs::path target = shard / blob.sha256;
  if (auto made = ensure_directory(shard); !made) return fail(std::move(made.error()));
  // Same name, same bytes, when the file is intact: still fsync the directory, since the
  // upload that renamed it into place may not have yet; a damaged file is replaced.
  if (get(blob.sha256)) {
    if (auto synced = fsync_directory(shard); !synced) return fail(std::move(synced.error()));
    return blob;
  }

  fs::path temp = shard / temp_name(blob.sha256);
  if (auto written = write_new_file(temp, bytes); !written) return fail(std::move(written.error()));
  if (::rename(temp.c_str(), target.c_str()) != 0) {
    int err = errno;
    ::unlink(temp.c_str());
    return fail(write_failed(target, err));
  }
  if (auto synced = fsync_directory(shard); !synced) return fail(std::move(synced.error()));
  return blob;
}

std::optional<std::string> BlobStore::get(std::string_view sha256) const {
  if (!is_blob_name(sha256)) return std::nullopt;
  fs::path path = shard_of(m_root, sha256) / sha256;
  std::error_code ec;
  std::uintmax_t size = fs::file_size(path, ec);
  if (ec) return std::nullopt;
  std::ifstream in(path, std::ios::binary);
  std::string bytes(size, '\0');
  if (!in.read(bytes.data(), static_cast<std::streamsize>(size))) return std::nullopt;
  if (sha256_hex(bytes) != sha256) return std::nullopt;
  return bytes;
}

bool BlobStore::contains(std::string_view sha256) const {
  std::error_code ec;
  return is_blob_name(sha256) && fs::is_regular_file(shard_of(m_root, sha256) / sha256, ec);
}

}  // namespace kczg::blobs
