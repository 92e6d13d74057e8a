# A bill for several services (docs/language.md, "Several services on one bill"): the
# table and JSON as a user sees them, usage named by meter, and what is refused.
set(services_city examples/language/services.tariff --usage electric=examples/usage/georgia_tou_2024-07_10.csv
    --reads water=examples/usage/city_water_reads_2024-07.csv --from 2024-07-01 --to 2024-08-01)
cli_golden(services_table 0 bill ${services_city})
cli_golden(services_json 0 bill ${services_city} --format json)
cli_test(services_explain 0 "== Electric ==.*Franchise Fee  \\[franchise, tax\\]  \\$4\\.51.*== Water ==" explain ${services_city})
cli_test(services_check 0 "services.tariff: ok" check examples/language/services.tariff)
cli_test(services_without_water 1 "error\\[B0070\\]: service water is billed on the usage of meter `water`, and none was given"
         bill examples/language/services.tariff --usage electric=examples/usage/georgia_tou_2024-07_10.csv --from 2024-07-01 --to 2024-08-01)
cli_test(services_unknown_meter 1 "error\\[B0071\\]: usage was given for meter `elctric`, which no service of this tariff reads"
         bill examples/language/services.tariff --usage elctric=examples/usage/georgia_tou_2024-07_10.csv
         --reads water=examples/usage/city_water_reads_2024-07.csv --from 2024-07-01 --to 2024-08-01)
cli_test(services_unnamed_usage 2 "name the meter of each usage file, e.g. --usage electric=examples/usage/georgia_tou_2024-07_10.csv"
         bill examples/language/services.tariff --usage examples/usage/georgia_tou_2024-07_10.csv --from 2024-07-01 --to 2024-08-01)
# `graph` lists each service's graph in turn (DOT: one digraph each).
cli_test(services_graph 0 "service electric \\(Electric\\).*service water \\(Water\\).*service sewer \\(Sewer\\).*service solid_waste \\(Solid Waste\\)"
         graph examples/language/services.tariff --format text)
cli_test(services_salem_check 0 "salem-va-residential-utilities.tariff: ok" check tariffs/salem-va-residential-utilities.tariff)
docs_test(bill.services 0 "Electric +\\$94\\.63.*Water +\\$52\\.25.*Sewer +\\$39\\.00.*Solid Waste +\\$20\\.00.*Total +\\$205\\.88" bill ${services_city})
