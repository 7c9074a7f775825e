#pragma once
// A throwaway PostgreSQL + PostGIS cluster for one test: initdb in a temporary folder, a server on a private
// Unix socket in that folder (no TCP), stopped and removed at the end. Debian's postgresql-15 and
// postgresql-15-postgis-3 (tools/dev.sh installs them); no system service, nothing left behind. As root the
// server runs as the "postgres" user (initdb refuses root).
#include <sys/stat.h>
#include <unistd.h>
#include <pwd.h>

#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <string>

namespace briefmap::test_support {

class PgCluster {
 public:
  PgCluster() {
    m_bin = findBinDir();
    if (m_bin.empty()) throw std::runtime_error("PostgreSQL is not installed (tools/dev.sh install)");
    char folder[] = "/tmp/briefmap-pg.XXXXXX";
    if (!mkdtemp(folder)) throw std::runtime_error("cannot make a temporary folder");
    m_dir = folder;
    if (getuid() == 0) {
      const passwd* pg = getpwnam("postgres");
      if (!pg) throw std::runtime_error("running as root and there is no postgres user to run the server");
      if (chown(m_dir.c_str(), pg->pw_uid, pg->pw_gid) != 0) throw std::runtime_error("cannot hand the folder to postgres");
      m_as = "runuser -u postgres -- ";
    }
    run(m_as + m_bin + "/initdb -D " + m_dir + "/data -U postgres -A trust --no-sync -E UTF8 --locale=C.UTF-8 >" +
        m_dir + "/initdb.log 2>&1");
    run(m_as + m_bin + "/pg_ctl -D " + m_dir + "/data -l " + m_dir + "/server.log -w -o \"-k " + m_dir +
        " -c listen_addresses='' -c fsync=off\" start >/dev/null");
    m_started = true;
    createDatabase("ws", true);
  }
  ~PgCluster() {
    if (m_started)
      std::system((m_as + m_bin + "/pg_ctl -D " + m_dir + "/data -m immediate -w stop >/dev/null 2>&1").c_str());
    std::error_code ec;
    std::filesystem::remove_all(m_dir, ec);
  }
  PgCluster(const PgCluster&) = delete;
  PgCluster& operator=(const PgCluster&) = delete;

  /// A GDAL connection string for a database of this cluster.
  std::string connection(const std::string& database = "ws") const {
    return "PG:host=" + m_dir + " user=postgres dbname=" + database;
  }
  void createDatabase(const std::string& name, bool postgis) {
    sql("postgres", "CREATE DATABASE " + name);
    if (postgis) sql(name, "CREATE EXTENSION postgis");
  }
  /// Runs one SQL statement with psql; throws on failure.
  void sql(const std::string& database, const std::string& statement) const {
    run(m_bin + "/psql -X -q -h " + m_dir + " -U postgres -d " + database + " -v ON_ERROR_STOP=1 -c \"" + statement +
        "\" >/dev/null");
  }
  /// Stops the server at once (a lost connection, as far as clients can tell).
  void stop() {
    run(m_as + m_bin + "/pg_ctl -D " + m_dir + "/data -m immediate -w stop >/dev/null 2>&1");
    m_started = false;
  }
  const std::string& folder() const { return m_dir; }

 private:
  static std::string findBinDir() {
    for (int version = 17; version >= 13; --version) {
      const std::string bin = "/usr/lib/postgresql/" + std::to_string(version) + "/bin";
      if (access((bin + "/initdb").c_str(), X_OK) == 0) return bin;
    }
    return {};
  }
  static void run(const std::string& command) {
    if (std::system(command.c_str()) != 0) throw std::runtime_error("failed: " + command);
  }

  std::string m_bin, m_dir, m_as;
  bool m_started = false;
};

}  // namespace briefmap::test_support
