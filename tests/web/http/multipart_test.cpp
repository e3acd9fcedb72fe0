#include "web/http/multipart.hpp"

#include <gtest/gtest.h>

#include <random>

namespace kczg::web::http {
namespace {

using namespace std::string_view_literals;

// What the reader reported, flattened so whole runs compare with one EXPECT_EQ.
struct Part {
  PartHeaders headers;
  std::string data;
  bool ended = false;
  bool operator==(const Part& o) const {
    return headers.name == o.headers.name && headers.filename == o.headers.filename &&
           headers.content_type == o.headers.content_type && data == o.data && ended == o.ended;
  }
};

std::ostream& operator<<(std::ostream& out, const Part& p) {
  return out << "{" << p.headers.name << "|" << p.headers.filename << "|" << p.headers.content_type
             << "|" << p.data << "|" << p.ended << "}";
}

struct Collector {
  std::vector<Part> parts;
  MultipartReader::Events events() {
    return {[this](const PartHeaders& h) {
              parts.push_back({h, "", false});
            },
            [this](std::string_view d) { parts.back().data.append(d); },
            [this]() { parts.back().ended = true; }};
  }
};

const std::string k_boundary = "----WebKitFormBoundary7MA4YWxkTrZu0gW";

// File data that looks like the start of a delimiter, with a NUL and a non-UTF-8 byte.
const std::string k_tricky_tail{"\r\n\r\n-\x00\xff end"sv};

// A body as Chromium sends it, with a file whose data holds near-boundaries.
std::string browser_body() {
  const std::string d = "--" + k_boundary;
  return d + "\r\n" +
         "Content-Disposition: form-data; name=\"title\"\r\n\r\n"
         "芯片 project\r\n" +
         d + "\r\n" +
         "Content-Disposition: form-data; name=\"attachment\"; filename=\"申报书 (final).pdf\"\r\n"
         "Content-Type: application/pdf\r\n\r\n"
         "%PDF\r\n--" +
         k_boundary.substr(0, 10) + k_tricky_tail + "\r\n" + d + "\r\n" +
         "Content-Disposition: form-data; name=\"empty\"\r\n\r\n"
         "\r\n" +
         d + "--\r\n";
}

std::vector<Part> expected_parts() {
  return {{{"title", "", ""}, "芯片 project", true},
          {{"attachment", "申报书 (final).pdf", "application/pdf"},
           "%PDF\r\n--" + k_boundary.substr(0, 10) + k_tricky_tail,
           true},
          {{"empty", "", ""}, "", true}};
}

TEST(Multipart, WholeBodyAtOnce) {
  Collector c;
  MultipartReader reader(k_boundary, c.events());
  EXPECT_TRUE(reader.feed(browser_body())) << reader.error();
  EXPECT_TRUE(reader.done());
  EXPECT_EQ(c.parts, expected_parts());
}

TEST(Multipart, OneByteAtATime) {
  Collector c;
  MultipartReader reader(k_boundary, c.events());
  std::string body = browser_body();
  for (char byte : body) ASSERT_TRUE(reader.feed(std::string_view(&byte, 1))) << reader.error();
  EXPECT_TRUE(reader.done());
  EXPECT_EQ(c.parts, expected_parts());
}

TEST(Multipart, RandomChunkSizes) {
  std::mt19937 random(20231123);
  std::string body = browser_body();
  for (int round = 0; round < 300; ++round) {
    Collector c;
    MultipartReader reader(k_boundary, c.events());
    std::uniform_int_distribution<std::size_t> size(0, 1 + round % 60);
    for (std::size_t at = 0; at < body.size();) {
      std::size_t n = std::min(size(random), body.size() - at);
      ASSERT_TRUE(reader.feed(std::string_view(body).substr(at, n))) << reader.error();
      at += n;
    }
    ASSERT_TRUE(reader.done()) << "round " << round;
    ASSERT_EQ(c.parts, expected_parts()) << "round " << round;
  }
}

TEST(Multipart, PreambleAndEpilogueAreIgnored) {
  Collector c;
  MultipartReader reader("xyz", c.events());
  EXPECT_TRUE(
      reader.feed("This is a preamble --xyz not at line start\r\n"
                  "--xyz  \r\nContent-Disposition: form-data; name=a\r\n\r\n1\r\n"
                  "--xyz--\r\nepilogue --xyz\r\n"));
  EXPECT_TRUE(reader.feed("more epilogue"));
  EXPECT_TRUE(reader.done());
  EXPECT_EQ(c.parts, (std::vector<Part>{{{"a", "", ""}, "1", true}}));
}

TEST(Multipart, MissingClosingBoundaryIsNotDone) {
  Collector c;
  MultipartReader reader("xyz", c.events());
  EXPECT_TRUE(
      reader.feed("--xyz\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nhalf a value"));
  EXPECT_FALSE(reader.done());
  ASSERT_EQ(c.parts.size(), 1u);
  EXPECT_FALSE(c.parts[0].ended);
}

TEST(Multipart, MalformedInputIsAnError) {
  MultipartReader garbage_after_boundary("xyz", {});
  EXPECT_FALSE(garbage_after_boundary.feed("--xyzabc\r\n"));
  EXPECT_EQ(garbage_after_boundary.error(), "malformed boundary line");
  EXPECT_FALSE(garbage_after_boundary.feed("--xyz--"));  // stays failed

  MultipartReader no_disposition("xyz", {});
  EXPECT_FALSE(no_disposition.feed("--xyz\r\nContent-Type: text/plain\r\n\r\nx\r\n--xyz--"));
  EXPECT_EQ(no_disposition.error(), "part without Content-Disposition");

  MultipartReader huge_headers("xyz", {});
  EXPECT_FALSE(huge_headers.feed("--xyz\r\nX-Pad: " + std::string(20000, 'a')));
  EXPECT_EQ(huge_headers.error(), "part headers too large");
}

TEST(Multipart, EscapedQuoteAndBackslashInFilename) {
  Collector c;
  MultipartReader reader("b", c.events());
  EXPECT_TRUE(
      reader.feed("--b\r\ncontent-disposition: form-data; filename=\"C:\\dir\\a\\\"q\\\".txt\"; "
                  "name=\"f;x\"\r\n"
                  "\r\n\r\n--b--"));
  ASSERT_EQ(c.parts.size(), 1u);
  EXPECT_EQ(c.parts[0].headers.name, "f;x");
  EXPECT_EQ(c.parts[0].headers.filename, "C:\\dir\\a\"q\".txt");
  EXPECT_TRUE(reader.done());
}

TEST(Multipart, BoundaryOfContentType) {
  EXPECT_EQ(boundary_of("multipart/form-data; boundary=" + k_boundary), k_boundary);
  EXPECT_EQ(boundary_of("Multipart/Form-Data; charset=utf-8; BOUNDARY=\"a b;c\""), "a b;c");
  EXPECT_EQ(boundary_of("multipart/form-data"), "");
  EXPECT_EQ(boundary_of("application/x-www-form-urlencoded; boundary=x"), "");
  EXPECT_EQ(boundary_of("multipart/form-data; boundary=" + std::string(71, 'x')), "");
}

}  // namespace
}  // namespace kczg::web::http
