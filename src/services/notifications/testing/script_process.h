#pragma once
// A helper server for tests, run as a child process (the python scripts under tests/support/):
// started with its arguments, ready once it prints "listening on HOST:PORT", stopped (SIGTERM,
// then SIGKILL) when this object goes. Its stdin is a pipe this process holds open: a script
// run with --exit-with-stdin ends when this process does, even when killed.
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

extern char** environ;

namespace jumys::notifications::testing {

class ScriptProcess {
 public:
  ScriptProcess() = default;
  ScriptProcess(const ScriptProcess&) = delete;
  ScriptProcess& operator=(const ScriptProcess&) = delete;
  ~ScriptProcess() { Stop(); }

  // Runs argv[0] with argv and waits (up to `ready_within`) for its "listening on" line.
  // Throws std::runtime_error with what the child printed if it does not come.
  void Start(const std::vector<std::string>& argv,
             std::chrono::milliseconds ready_within = std::chrono::seconds(15)) {
    int pipe_fds[2];
    int stdin_fds[2];
    if (pipe2(pipe_fds, O_CLOEXEC) != 0) throw std::runtime_error("pipe failed");
    if (pipe2(stdin_fds, O_CLOEXEC) != 0) {
      close(pipe_fds[0]);
      close(pipe_fds[1]);
      throw std::runtime_error("pipe failed");
    }
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], STDOUT_FILENO);
    posix_spawn_file_actions_adddup2(&actions, stdin_fds[0], STDIN_FILENO);
    std::vector<char*> args;
    for (const std::string& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
    args.push_back(nullptr);
    const int spawned = posix_spawn(&pid_, args[0], &actions, nullptr, args.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    close(pipe_fds[1]);
    close(stdin_fds[0]);
    stdin_ = stdin_fds[1];
    if (spawned != 0) {
      close(pipe_fds[0]);
      close(stdin_);
      stdin_ = -1;
      pid_ = -1;
      throw std::runtime_error("cannot start " + argv[0]);
    }
    stdout_ = pipe_fds[0];
    const auto deadline = std::chrono::steady_clock::now() + ready_within;
    std::string printed;
    const std::string marker = "listening on ";
    while (true) {
      const auto newline = printed.find('\n');
      if (newline != std::string::npos) {
        const std::string line = printed.substr(0, newline);
        const auto at = line.find(marker);
        const auto colon = line.rfind(':');
        if (at != std::string::npos && colon != std::string::npos && colon > at) {
          port_ = static_cast<std::uint16_t>(std::stoi(line.substr(colon + 1)));
          return;
        }
        printed.erase(0, newline + 1);
        continue;
      }
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
          deadline - std::chrono::steady_clock::now());
      pollfd watched{stdout_, POLLIN, 0};
      if (left.count() <= 0 || poll(&watched, 1, static_cast<int>(left.count())) <= 0) break;
      char buffer[512];
      const ssize_t n = read(stdout_, buffer, sizeof buffer);
      if (n <= 0) break;
      printed.append(buffer, static_cast<size_t>(n));
    }
    Stop();
    throw std::runtime_error(argv[0] + " did not start listening: " + printed);
  }

  std::uint16_t Port() const { return port_; }
  bool Running() const { return pid_ > 0; }

  void Stop() {
    if (pid_ > 0) {
      kill(pid_, SIGTERM);
      int status = 0;
      const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(3);
      while (waitpid(pid_, &status, WNOHANG) == 0) {
        if (std::chrono::steady_clock::now() > deadline) {
          kill(pid_, SIGKILL);
          waitpid(pid_, &status, 0);
          break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
      }
      pid_ = -1;
    }
    if (stdout_ >= 0) close(stdout_);
    if (stdin_ >= 0) close(stdin_);
    stdout_ = -1;
    stdin_ = -1;
  }

 private:
  pid_t pid_ = -1;
  int stdout_ = -1;
  int stdin_ = -1;
  std::uint16_t port_ = 0;
};

// A fresh directory under the system's temporary one, removed with this object.
class TemporaryDirectory {
 public:
  TemporaryDirectory() {
    std::string pattern = (std::filesystem::temp_directory_path() / "jumys-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    path_ = pattern;
  }
  TemporaryDirectory(const TemporaryDirectory&) = delete;
  TemporaryDirectory& operator=(const TemporaryDirectory&) = delete;
  ~TemporaryDirectory() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace jumys::notifications::testing
