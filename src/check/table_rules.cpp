// Named tables (`table NAME: by ...`) of the tariff file and its imports, each name once.
#include "check/rules.hpp"

namespace rateline::check {

void check_tables(CheckContext& cx) {
  auto collect = [&](const syntax::File& f) {
    for (auto& t : f.tables)
      if (!cx.out.tables.emplace(t.id.text, &t.table).second)
        cx.error("E0501", "table `" + t.id.text + "` is defined twice", t.id.span, "table names must be unique across the tariff and its imports");
  };
  collect(cx.file);
  for (auto* f : cx.imported) collect(*f);
}

}  // namespace rateline::check
