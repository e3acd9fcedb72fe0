// RFC 7578 / RFC 2046 §5.1 reader. Bytes are appended to `pending` and consumed as far as
// they can be; at most a delimiter's length minus one is held back (it could be the start
// of a boundary split across feed() calls), plus an unfinished header block.
#include "web/http/multipart.hpp"

#include <algorithm>

#include "web/http/ascii.hpp"

namespace kczg::web::http {
namespace {

// A part's header block larger than this is not a browser's; refuse rather than buffer.
constexpr std::size_t k_header_limit = 16 * 1024;

// Splits "a; b=\"x;y\"; c" at semicolons outside double quotes.
std::vector<std::string_view> split_parameters(std::string_view text) {
  std::vector<std::string_view> pieces;
  bool quoted = false;
  std::size_t start = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '"' && (i == 0 || text[i - 1] != '\\')) quoted = !quoted;
    if (text[i] == ';' && !quoted) {
      pieces.push_back(trim(text.substr(start, i - start)));
      start = i + 1;
    }
  }
  pieces.push_back(trim(text.substr(start)));
  return pieces;
}

// The value of parameter `name` in a header value, unquoted; nullopt-like "" when absent.
// Browsers send '"' in file names as %22 and keep backslashes (Windows paths) as they
// are, so only the sequence \" is taken as an escape.
std::string parameter(std::string_view header_value, std::string_view name) {
  std::vector<std::string_view> pieces = split_parameters(header_value);
  for (std::size_t i = 1; i < pieces.size(); ++i) {
    std::size_t eq = pieces[i].find('=');
    if (eq == std::string_view::npos || !iequals(trim(pieces[i].substr(0, eq)), name)) continue;
    std::string_view value = trim(pieces[i].substr(eq + 1));
    if (value.size() < 2 || value.front() != '"' || value.back() != '"') return std::string(value);
    value = value.substr(1, value.size() - 2);
    std::string out;
    for (std::size_t j = 0; j < value.size(); ++j) {
      if (value[j] == '\\' && j + 1 < value.size() && value[j + 1] == '"') ++j;
      out.push_back(value[j]);
    }
    return out;
  }
  return {};
}

}  // namespace

struct MultipartReader::State {
  enum class Step { preamble, after_boundary, headers, body, done, failed };

  bool fail(std::string why) {
    step = Step::failed;
    error = std::move(why);
    return false;
  }
  bool run();  // consumes `pending` as far as possible; false on malformed input
  bool parse_headers(std::string_view block);

  std::string delimiter;  // CRLF "--" boundary
  Events events;
  Step step = Step::preamble;
  // The leading CRLF lets a boundary on the very first line match `delimiter` like
  // every later one does.
  std::string pending = "\r\n";
  std::size_t pos = 0;
  std::string error;
};

bool MultipartReader::State::parse_headers(std::string_view block) {
  PartHeaders part;
  bool has_disposition = false;
  while (!block.empty()) {
    std::size_t end = block.find("\r\n");
    std::string_view line = block.substr(0, end);
    block = end == std::string_view::npos ? std::string_view() : block.substr(end + 2);
    std::size_t colon = line.find(':');
    if (colon == std::string_view::npos) return fail("malformed part header line");
    std::string_view name = trim(line.substr(0, colon));
    std::string_view value = trim(line.substr(colon + 1));
    if (iequals(name, "content-disposition")) {
      has_disposition = true;
      part.name = parameter(value, "name");
      part.filename = parameter(value, "filename");
    } else if (iequals(name, "content-type")) {
      part.content_type = std::string(value);
    }
  }
  if (!has_disposition) return fail("part without Content-Disposition");
  if (events.part_begin) events.part_begin(part);
  return true;
}

bool MultipartReader::State::run() {
  while (true) {
    std::string_view rest = std::string_view(pending).substr(pos);
    switch (step) {
      case Step::preamble:
      case Step::body: {
        std::size_t found = rest.find(delimiter);
        std::size_t data = found != std::string_view::npos   ? found
                           : rest.size() >= delimiter.size() ? rest.size() - delimiter.size() + 1
                                                             : 0;
        if (step == Step::body && data > 0 && events.part_data)
          events.part_data(rest.substr(0, data));
        pos += data;
        if (found == std::string_view::npos) return true;  // need more bytes
        if (step == Step::body && events.part_end) events.part_end();
        pos += delimiter.size();
        step = Step::after_boundary;
        break;
      }
      case Step::after_boundary: {
        // "--" closes the body; otherwise optional padding, then CRLF.
        std::size_t padding = 0;
        while (padding < rest.size() && (rest[padding] == ' ' || rest[padding] == '\t')) ++padding;
        if (rest.size() < padding + 2) return true;
        if (padding == 0 && rest.starts_with("--")) {
          step = Step::done;
          return true;
        }
        if (rest.substr(padding, 2) != "\r\n") return fail("malformed boundary line");
        pos += padding + 2;
        step = Step::headers;
        break;
      }
      case Step::headers: {
        std::size_t end = rest.starts_with("\r\n") ? 0 : rest.find("\r\n\r\n");
        if (end == std::string_view::npos) {
          return rest.size() > k_header_limit ? fail("part headers too large") : true;
        }
        if (end > k_header_limit) return fail("part headers too large");
        if (!parse_headers(rest.substr(0, end))) return false;
        pos += end == 0 ? 2 : end + 4;
        step = Step::body;
        break;
      }
      case Step::done:
        return true;
      case Step::failed:
        return false;
    }
  }
}

MultipartReader::MultipartReader(std::string boundary, Events events)
    : m_state(std::make_shared<State>()) {
  m_state->delimiter = "\r\n--" + boundary;
  m_state->events = std::move(events);
  if (boundary.empty()) m_state->fail("empty boundary");
}

bool MultipartReader::feed(std::string_view bytes) {
  State& state = *m_state;
  if (state.step == State::Step::failed) return false;
  if (state.step == State::Step::done) return true;  // the epilogue is ignored
  state.pending.append(bytes);
  bool ok = state.run();
  state.pending.erase(0, state.pos);
  state.pos = 0;
  return ok;
}

bool MultipartReader::done() const { return m_state->step == State::Step::done; }

const std::string& MultipartReader::error() const { return m_state->error; }

std::string boundary_of(std::string_view content_type) {
  std::string_view type = trim(content_type.substr(0, content_type.find(';')));
  if (!iequals(type, "multipart/form-data")) return {};
  std::string boundary = parameter(content_type, "boundary");
  // RFC 2046 allows 1 to 70 characters.
  return boundary.size() <= 70 ? boundary : std::string();
}

}  // namespace kczg::web::http
