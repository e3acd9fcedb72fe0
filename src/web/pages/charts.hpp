// What static/kczg.js draws with ECharts from a chart's data-chart attribute. The table
// beside each chart says the same for readers without script.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kczg::web {

// {"kind":"bar"|"line","labels":[…],"values":[…]}: one count per label, in key order.
std::string chart_data(const std::map<std::string, int>& counts, std::string_view kind);

// {"kind":"columns","labels":[…],"series":[{"name":…,"values":[…]}…]}: several counts per
// label, side by side.
struct ChartSeries {
  std::string name;
  std::vector<int> values;  // one per label
};
std::string series_chart(const std::vector<std::string>& labels,
                         const std::vector<ChartSeries>& series);

}  // namespace kczg::web
