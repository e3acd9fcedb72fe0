#include "tabular/table_builder.hpp"

#include <algorithm>
#include <utility>

namespace kczg::tabular {

namespace {

bool is_ascii_space(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
}

}  // namespace

void trim_ascii(std::string& text) {
  auto end = text.end();
  while (end != text.begin() && is_ascii_space(*(end - 1))) --end;
  text.erase(end, text.end());
  auto begin = text.begin();
  while (begin != text.end() && is_ascii_space(*begin)) ++begin;
  text.erase(text.begin(), begin);
}

void TableBuilder::add(int number, std::vector<std::string> cells) {
  for (auto& cell : cells) trim_ascii(cell);
  if (std::ranges::all_of(cells, [](const std::string& cell) { return cell.empty(); })) return;
  if (!m_have_header) {
    m_have_header = true;
    m_table.header = std::move(cells);
    return;
  }
  if (cells.size() < m_table.header.size()) cells.resize(m_table.header.size());
  m_table.rows.push_back(Row{number, std::move(cells)});
}

Table TableBuilder::finish() && { return std::move(m_table); }

}  // namespace kczg::tabular
