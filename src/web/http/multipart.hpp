// A streaming multipart/form-data reader: bytes go in as they arrive, parts come out as
// events, so an attachment can go to disk without the whole body in memory.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace kczg::web::http {

struct PartHeaders {
  std::string name;          // from Content-Disposition
  std::string filename;      // "" for a plain field
  std::string content_type;  // "" when absent
};

class MultipartReader {
 public:
  struct Events {
    std::function<void(const PartHeaders&)> part_begin;
    std::function<void(std::string_view data)> part_data;  // any number of calls per part
    std::function<void()> part_end;
  };
  // `boundary` from the Content-Type header (see boundary_of).
  MultipartReader(std::string boundary, Events events);
  // Feeds the next bytes. Returns false on malformed input (then error() says why).
  bool feed(std::string_view bytes);
  // True once the closing boundary has been read.
  bool done() const;
  const std::string& error() const;

 private:
  // implementation-defined state
  struct State;
  std::shared_ptr<State> m_state;
};

// The boundary parameter of a multipart/form-data Content-Type; "" if none.
std::string boundary_of(std::string_view content_type);

}  // namespace kczg::web::http
