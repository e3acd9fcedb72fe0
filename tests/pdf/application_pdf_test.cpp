#include "pdf/application_pdf.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <latch>
#include <memory>
#include <sstream>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace kczg::pdf {
namespace {

using namespace std::string_literals;

constexpr std::string_view k_applicant = "杭州示例科技有限公司";
constexpr std::string_view k_markup = "<b>&amp;";
constexpr std::array<const char*, 3> k_tools{"pdftotext", "pdffonts", "pdfinfo"};

struct PipeClose {
  void operator()(std::FILE* pipe) const { pclose(pipe); }
};

// Standard output of a shell command; an empty string if it could not be started.
std::string output_of(const std::string& command) {
  std::unique_ptr<std::FILE, PipeClose> pipe(popen(command.c_str(), "r"));
  if (!pipe) return {};
  std::string output;
  std::array<char, 4096> chunk{};
  while (std::size_t got = std::fread(chunk.data(), 1, chunk.size(), pipe.get())) {
    output.append(chunk.data(), got);
  }
  return output;
}

std::size_t count_of(std::string_view haystack, std::string_view needle) {
  std::size_t count = 0;
  for (auto at = haystack.find(needle); at != std::string_view::npos;
       at = haystack.find(needle, at + needle.size())) {
    ++count;
  }
  return count;
}

// pdftotext keeps or drops the narrow space between Han characters and digits by its own rules.
std::string without_spaces(std::string_view text) {
  std::string kept;
  for (char c : text) {
    if (c != ' ' && c != '\n' && c != '\f') kept += c;
  }
  return kept;
}

std::size_t code_points(std::string_view utf8) {
  std::size_t count = 0;
  for (char byte : utf8) count += (static_cast<unsigned char>(byte) & 0xC0) != 0x80;
  return count;
}

// Twenty numbered paragraphs, 6,000 characters or more in all: several pages in a value cell.
std::string long_value() {
  const std::string sentence =
      "本项目面向工业互联网场景，研发高可靠边缘计算平台，实现设备数据的实时采集、分析与协同控制，"
      "已在长三角地区十余家制造企业部署应用。";
  std::string value;
  for (int paragraph = 1; paragraph <= 20; ++paragraph) {
    if (paragraph > 1) value += "\n";
    value += "【段落" + std::to_string(paragraph) + "】";
    while (code_points(value) < static_cast<std::size_t>(paragraph) * 305) value += sentence;
  }
  return value;
}

ApplicationDocument short_document() {
  return ApplicationDocument{
      .title = "2023 年度“科创中国”先导技术榜 申报书",
      .subtitle = "先导技术榜 · 电子信息",
      .receipt = {{"申报编号", "KCZG-2023-PT-000123"},
                  {"提交时间", "2023-06-01 10:15:00 +08:00"},
                  {"SHA-256", "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
                   true}},
      .sections = {{"基本信息",
                    {{"申报单位", std::string(k_applicant)},
                     {"技术名称", "边缘计算 " + std::string(k_markup) + " 平台"},
                     {"联系电话", ""}}}},
      .signature_note = "申报单位（盖章）：　　　　　　　　日期：",
      .footer = "KCZG-2023-PT-000123"};
}

ApplicationDocument long_document() {
  ApplicationDocument document = short_document();
  document.sections.push_back({"技术说明", {{"技术内容", long_value()}, {"备注", "无"}}});
  return document;
}

class ApplicationPdfTest : public ::testing::Test {
 protected:
  void SetUp() override {
    for (const char* tool : k_tools) {
      const std::string probe = std::string("command -v ") + tool + " >/dev/null 2>&1";
      ASSERT_EQ(std::system(probe.c_str()), 0)
          << tool
          << " is missing: the PDF checks need poppler-utils (apt-get install poppler-utils)";
    }
  }

  void TearDown() override {
    for (const std::filesystem::path& file : m_files) std::filesystem::remove(file);
  }

  // Writes the PDF to a temporary file, removed after the test; returns it quoted for a shell.
  std::string saved(const std::string& pdf) {
    static std::atomic<int> counter{0};
    std::filesystem::path file =
        std::filesystem::temp_directory_path() /
        ("kczg_pdf_test_" + std::to_string(getpid()) + "_" + std::to_string(counter++) + ".pdf");
    std::ofstream(file, std::ios::binary) << pdf;
    m_files.push_back(file);
    return "'" + file.string() + "'";
  }

  std::string text_of(const std::string& pdf) {
    return output_of("pdftotext -enc UTF-8 " + saved(pdf) + " - 2>&1");
  }

  int pages_of(const std::string& pdf) {
    std::istringstream info(output_of("pdfinfo " + saved(pdf) + " 2>&1"));
    for (std::string line; std::getline(info, line);) {
      if (line.starts_with("Pages:")) return std::stoi(line.substr(6));
    }
    ADD_FAILURE() << "pdfinfo printed no page count";
    return 0;
  }

  std::vector<std::filesystem::path> m_files;
};

TEST_F(ApplicationPdfTest, OutputIsAPdf) {
  EXPECT_TRUE(render_application_pdf(short_document()).starts_with("%PDF-"));
}

TEST_F(ApplicationPdfTest, ChineseAndMarkupCharactersAreText) {
  const std::string text = text_of(render_application_pdf(short_document()));
  EXPECT_NE(text.find(k_applicant), std::string::npos) << text;
  EXPECT_NE(text.find(k_markup), std::string::npos) << text;
  EXPECT_NE(text.find("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"),
            std::string::npos)
      << text;
  EXPECT_NE(without_spaces(text).find("第1页"), std::string::npos) << text;
}

TEST_F(ApplicationPdfTest, CjkFontIsEmbedded) {
  const std::string listing =
      output_of("pdffonts " + saved(render_application_pdf(short_document())));
  std::istringstream lines(listing);
  bool embedded_cjk = false;
  for (std::string line; std::getline(lines, line);) {
    // name, type (may contain spaces), encoding, emb, sub, uni, object number, generation.
    std::vector<std::string> columns;
    std::istringstream words(line);
    for (std::string word; words >> word;) columns.push_back(word);
    if (columns.size() < 7 || columns[0].find("CJK") == std::string::npos) continue;
    if (columns[columns.size() - 5] == "yes") embedded_cjk = true;
  }
  EXPECT_TRUE(embedded_cjk) << listing;
}

TEST_F(ApplicationPdfTest, TitleIsInTheMetadata) {
  std::istringstream info(
      output_of("pdfinfo -enc UTF-8 " + saved(render_application_pdf(short_document()))));
  std::string title;
  for (std::string line; std::getline(info, line);) {
    if (line.starts_with("Title:")) title = line.substr(line.find_first_not_of(' ', 6));
  }
  EXPECT_EQ(title, "2023 年度“科创中国”先导技术榜 申报书");
}

TEST_F(ApplicationPdfTest, ShortDocumentIsOnePage) {
  EXPECT_EQ(pages_of(render_application_pdf(short_document())), 1);
}

TEST_F(ApplicationPdfTest, LongValueIsSplitAcrossPagesLosingNoParagraph) {
  ASSERT_GE(code_points(long_value()), 6000u);
  const std::string pdf = render_application_pdf(long_document());
  const int pages = pages_of(pdf);
  EXPECT_GE(pages, 2);
  const std::string text = text_of(pdf);
  for (int paragraph = 1; paragraph <= 20; ++paragraph) {
    EXPECT_EQ(count_of(text, "【段落" + std::to_string(paragraph) + "】"), 1u) << paragraph;
  }
  for (int page = 1; page <= pages; ++page) {
    EXPECT_EQ(count_of(without_spaces(text), "第" + std::to_string(page) + "页"), 1u) << page;
  }
  EXPECT_EQ(count_of(text, "申报单位（盖章）"), 1u);
}

TEST_F(ApplicationPdfTest, HeadingStaysOnThePageOfItsFirstRow) {
  std::string first_row;
  for (int line = 1; line <= 12; ++line) first_row += "第" + std::to_string(line) + "行\n";
  // Longer and longer filler leaves less and less room under it on the first page.
  for (int filler_lines = 8; filler_lines <= 30; filler_lines += 2) {
    ApplicationDocument document = short_document();
    document.sections.push_back({"填充", {{"填充", std::string(filler_lines, '\n')}}});
    document.sections.push_back({"二、技术说明", {{"技术内容", first_row}}});
    const std::string text = text_of(render_application_pdf(document));
    const std::size_t heading_at = text.find("二、技术说明");
    const std::size_t label_at = text.find("技术内容");
    ASSERT_NE(heading_at, std::string::npos);
    ASSERT_NE(label_at, std::string::npos);
    // pdftotext ends every page with a form feed.
    EXPECT_EQ(count_of(std::string_view(text).substr(0, heading_at), "\f"),
              count_of(std::string_view(text).substr(0, label_at), "\f"))
        << filler_lines << " filler lines";
  }
}

TEST_F(ApplicationPdfTest, InvalidUtf8AndEmptyValuesStillRender) {
  ApplicationDocument document = short_document();
  document.title = "bad \xff\xfe title";
  document.sections.push_back({"", {{"", ""}, {"\xc3", "before\0after\xe4\xb8"s}}});
  const std::string pdf = render_application_pdf(document);
  ASSERT_TRUE(pdf.starts_with("%PDF-"));
  const std::string text = text_of(pdf);
  EXPECT_NE(text.find("before\uFFFDafter"), std::string::npos) << text;
  EXPECT_EQ(pages_of(pdf), 1);
}

TEST_F(ApplicationPdfTest, FourThreadsRenderAtOnce) {
  const ApplicationDocument document = long_document();
  std::array<std::string, 4> pdfs;
  std::latch start(pdfs.size());
  std::vector<std::thread> threads;
  for (std::string& pdf : pdfs) {
    threads.emplace_back([&] {
      start.arrive_and_wait();
      pdf = render_application_pdf(document);
    });
  }
  for (std::thread& thread : threads) thread.join();
  const int pages = pages_of(pdfs[0]);
  EXPECT_GE(pages, 2);
  for (const std::string& pdf : pdfs) {
    EXPECT_TRUE(pdf.starts_with("%PDF-"));
    EXPECT_EQ(pages_of(pdf), pages);
  }
}

}  // namespace
}  // namespace kczg::pdf
