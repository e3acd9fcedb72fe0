#include "web/pages/charts.hpp"

namespace kczg::web {
namespace {

// A JSON string literal: labels are names and dates, escaped for the page's chart data.
std::string json_string(std::string_view text) {
  std::string out = "\"";
  for (char ch : text) {
    if (ch == '"' || ch == '\\') {
      out += '\\';
      out += ch;
    } else if (static_cast<unsigned char>(ch) < 0x20) {
      out += ' ';
    } else {
      out += ch;
    }
  }
  return out + "\"";
}

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& item : items) out += (out.empty() ? "" : ",") + item;
  return out;
}

}  // namespace

std::string chart_data(const std::map<std::string, int>& counts, std::string_view kind) {
  std::vector<std::string> labels, values;
  for (const auto& [label, n] : counts) {
    labels.push_back(json_string(label));
    values.push_back(std::to_string(n));
  }
  return "{\"kind\":" + json_string(kind) + ",\"labels\":[" + joined(labels) + "],\"values\":[" +
         joined(values) + "]}";
}

std::string series_chart(const std::vector<std::string>& labels,
                         const std::vector<ChartSeries>& series) {
  std::vector<std::string> quoted, parts;
  for (const std::string& label : labels) quoted.push_back(json_string(label));
  for (const ChartSeries& s : series) {
    std::vector<std::string> values;
    for (int v : s.values) values.push_back(std::to_string(v));
    parts.push_back("{\"name\":" + json_string(s.name) + ",\"values\":[" + joined(values) + "]}");
  }
  return "{\"kind\":\"columns\",\"labels\":[" + joined(quoted) + "],\"series\":[" + joined(parts) +
         "]}";
}

}  // namespace kczg::web
