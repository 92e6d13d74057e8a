// Tariffs as text (include/rateline/population.hpp: TariffTexts, read_tariff_texts): the
// caller reads the files once and ships the text; a cluster worker compiles from it.
#include "population/account_billing.hpp"

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

namespace rateline {

namespace population_detail {

namespace {

namespace fs = std::filesystem;

// Imports are relative to the importing file, as compile_tariff_file resolves them.
std::string import_target(const std::string& importing_path, const std::string& import_path) {
  return (fs::path(importing_path).parent_path() / import_path).lexically_normal().string();
}

std::optional<std::string> read_file(const std::string& path) {
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) return std::nullopt;
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return std::nullopt;
  return std::move(text).str();
}

}  // namespace

CompileResult compile_tariff_text(const std::string& path, const TariffTexts& texts) {
  const auto found = texts.find(path);
  if (found == texts.end()) return compile_tariff_file(path);
  const ImportResolver resolver = [&texts](const std::string& importing, const std::string& import) -> std::optional<SourceFile> {
    const std::string target = import_target(importing, import);
    if (auto it = texts.find(target); it != texts.end()) return SourceFile(target, it->second);
    if (auto text = read_file(target)) return SourceFile(target, std::move(*text));
    return std::nullopt;
  };
  return compile_tariff(std::make_shared<const SourceFile>(path, found->second), resolver);
}

ServicesCompileResult compile_services_text(const std::string& path, const TariffTexts& texts) {
  const auto found = texts.find(path);
  if (found == texts.end()) return compile_services_file(path);
  const ImportResolver resolver = [&texts](const std::string& importing, const std::string& import) -> std::optional<SourceFile> {
    const std::string target = import_target(importing, import);
    if (auto it = texts.find(target); it != texts.end()) return SourceFile(target, it->second);
    if (auto text = read_file(target)) return SourceFile(target, std::move(*text));
    return std::nullopt;
  };
  return compile_services(std::make_shared<const SourceFile>(path, found->second), resolver);
}

}  // namespace population_detail

TariffTexts read_tariff_texts(const AccountsTable& table, const std::string& tariff_dir) {
  population_detail::TariffShelf shelf(tariff_dir, table.path);
  TariffTexts texts;
  std::set<std::string> seen;
  for (const AccountRecord& record : table.accounts) {
    if (!seen.insert(record.tariff).second) continue;
    const std::string path = shelf.resolve(record.tariff);
    if (texts.count(path)) continue;
    auto text = population_detail::read_file(path);
    if (!text) continue;
    texts.emplace(path, *text);
    // The imports: whatever the compiler asks for, read from disk and kept.
    const ImportResolver recorder = [&texts](const std::string& importing, const std::string& import) -> std::optional<SourceFile> {
      const std::string target = population_detail::import_target(importing, import);
      if (auto it = texts.find(target); it != texts.end()) return SourceFile(target, it->second);
      auto imported = population_detail::read_file(target);
      if (!imported) return std::nullopt;
      texts.emplace(target, *imported);
      return SourceFile(target, std::move(*imported));
    };
    static_cast<void>(compile_tariff(std::make_shared<const SourceFile>(path, *text), recorder));
  }
  return texts;
}

}  // namespace rateline
