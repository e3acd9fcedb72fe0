#include "tabular/xlsx_xml.hpp"

#include <unicode/utf8.h>

#include <cstdint>

namespace kczg::tabular::xlsx {

namespace {

constexpr int k_max_columns = 16384;  // A..XFD

void append_text(std::string& out, pugi::xml_node t) {
  // child_value() is the first PCDATA/CDATA child; a <t> has only one.
  out += t.child_value();
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

// The code point of "_xHHHH_" at the start of `text`, or -1.
int32_t escape_at(std::string_view text) {
  if (text.size() < 7 || text[0] != '_' || text[1] != 'x' || text[6] != '_') return -1;
  int32_t value = 0;
  for (std::size_t i = 2; i < 6; ++i) {
    const int digit = hex_value(text[i]);
    if (digit < 0) return -1;
    value = value * 16 + digit;
  }
  return value;
}

}  // namespace

std::string_view local_name(std::string_view qualified) {
  const auto colon = qualified.find(':');
  return colon == std::string_view::npos ? qualified : qualified.substr(colon + 1);
}

pugi::xml_node child(pugi::xml_node parent, std::string_view name) {
  for (pugi::xml_node node : parent.children()) {
    if (node.type() == pugi::node_element && local_name(node.name()) == name) return node;
  }
  return {};
}

pugi::xml_attribute attribute(pugi::xml_node node, std::string_view name) {
  for (pugi::xml_attribute attr : node.attributes()) {
    if (local_name(attr.name()) == name) return attr;
  }
  return {};
}

std::string string_item_text(pugi::xml_node item) {
  std::string out;
  for (pugi::xml_node node : item.children()) {
    if (node.type() != pugi::node_element) continue;
    const std::string_view name = local_name(node.name());
    if (name == "t") {
      append_text(out, node);
    } else if (name == "r") {
      append_text(out, child(node, "t"));
    }
  }
  return decode_escapes(out);
}

std::string decode_escapes(std::string_view text) {
  if (text.find("_x") == std::string_view::npos) return std::string(text);
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    const int32_t code_point = text[i] == '_' ? escape_at(text.substr(i)) : -1;
    if (code_point < 0 || U_IS_SURROGATE(code_point)) {
      out += text[i++];
      continue;
    }
    char buffer[U8_MAX_LENGTH];
    int32_t length = 0;
    U8_APPEND_UNSAFE(buffer, length, code_point);
    out.append(buffer, static_cast<std::size_t>(length));
    i += 7;
  }
  return out;
}

std::optional<int> column_of(std::string_view reference) {
  int column = 0;
  std::size_t i = 0;
  for (; i < reference.size() && reference[i] >= 'A' && reference[i] <= 'Z'; ++i) {
    column = column * 26 + (reference[i] - 'A' + 1);
    if (column > k_max_columns) return std::nullopt;
  }
  if (i == 0) return std::nullopt;
  for (std::size_t j = i; j < reference.size(); ++j) {
    if (reference[j] < '0' || reference[j] > '9') return std::nullopt;
  }
  return column - 1;
}

std::string resolve_target(std::string_view base_folder, std::string_view target) {
  if (target.starts_with('/')) return std::string(target.substr(1));
  std::string base(base_folder);
  while (target.starts_with("../")) {
    target.remove_prefix(3);
    if (!base.empty()) base.pop_back();  // the trailing '/'
    const auto slash = base.rfind('/');
    base.erase(slash == std::string::npos ? 0 : slash + 1);
  }
  return base + std::string(target);
}

}  // namespace kczg::tabular::xlsx
