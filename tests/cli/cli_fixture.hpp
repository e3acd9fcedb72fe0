// Runs the real kczg binary, as an operator would, in a temp directory of its own.
#pragma once

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>

namespace kczg {

struct Outcome {
  int status;
  std::string out;
  std::string err;
};

inline std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

class CliFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    m_dir = std::filesystem::temp_directory_path() / ("kczg-cli-" + std::to_string(::getpid()) +
                                                      "-" + std::to_string(std::random_device{}()));
    std::filesystem::create_directories(m_dir);
  }
  void TearDown() override { std::filesystem::remove_all(m_dir); }

  // `args` after the binary's name, run in the temp directory; stdout and stderr kept apart.
  Outcome run(const std::string& args) {
    std::string cmd =
        "cd '" + m_dir.string() + "' && '" KCZG_BINARY "' " + args + " >out.txt 2>err.txt";
    int raw = std::system(cmd.c_str());
    return {WIFEXITED(raw) ? WEXITSTATUS(raw) : -1, slurp(m_dir / "out.txt"),
            slurp(m_dir / "err.txt")};
  }

  std::filesystem::path m_dir;
};

}  // namespace kczg
