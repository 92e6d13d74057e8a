# The language reference's examples (docs/language.md): every examples/language/*.tariff
# must pass `rateline check`, and the bills the reference works out by hand must still
# come to the amounts it quotes. Label: docs.
set(docs_runner ${CMAKE_CURRENT_SOURCE_DIR}/cli/run_cli.cmake)
function(docs_test name exit regex)
  add_test(NAME docs.${name}
    COMMAND ${CMAKE_COMMAND} -DCLI=$<TARGET_FILE:rateline_cli> "-DARGS=${ARGN}" -DEXPECT_EXIT=${exit} "-DEXPECT_REGEX=${regex}"
            -DWORKDIR=${PROJECT_SOURCE_DIR} -P ${docs_runner})
  set_tests_properties(docs.${name} PROPERTIES LABELS docs)
endfunction()

file(GLOB language_examples RELATIVE ${PROJECT_SOURCE_DIR} CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/examples/language/*.tariff)
foreach(example IN LISTS language_examples)
  get_filename_component(example_name ${example} NAME_WE)
  docs_test(check.${example_name} 0 "${example}: ok" check ${example})
endforeach()

# Worked bills quoted in docs/language.md ("Total" lines of `rateline bill`).
set(july --from 2024-07-01 --to 2024-08-01)
set(georgia_usage --usage examples/usage/georgia_tou_2024-07_10.csv)
docs_test(bill.minimal 0 "Total +\\$93\\.55" bill examples/language/minimal.tariff ${georgia_usage} ${july})
docs_test(bill.seasons_split 0 "Summer \\(15 days\\) +360 kWh.*Winter \\(15 days\\) +360 kWh.*Total +\\$91\\.26"
          bill examples/language/seasons.tariff ${georgia_usage} --from 2024-09-16 --to 2024-10-16)
docs_test(bill.tou_periods 0 "On-Peak +110 kWh.*Off-Peak +634 kWh.*Total +\\$63\\.68" bill examples/language/tou_periods.tariff ${georgia_usage} ${july})
docs_test(bill.tiers_first_next 0 "Total +\\$98\\.65" bill examples/language/tiers_first_next.tariff ${georgia_usage} ${july})
docs_test(bill.tiers_proportional 0 "On-Peak, up to 500 kWh +77\\.284946236559 kWh.*Total +\\$121\\.81"
          bill examples/language/tiers_tou_proportional.tariff ${georgia_usage} ${july})
docs_test(bill.tiers_chronological 0 "On-Peak, up to 500 kWh +75 kWh.*Total +\\$121\\.80"
          bill examples/language/tiers_tou_chronological.tariff ${georgia_usage} ${july})
docs_test(bill.hours_use 0 "Total +\\$55757\\.80" bill examples/language/tiers_hours_use.tariff
          --usage examples/usage/cartersville_2024-06_07.csv --from 2024-06-01 --to 2024-07-01)
docs_test(bill.percentages 0 "Sales Tax +\\$93\\.26 +7 % +\\$6\\.53.*Total +\\$99\\.79" bill examples/language/percentages.tariff ${georgia_usage} ${july})
docs_test(bill.gross_up_taxes 0 "Gross Receipts Tax +\\$83\\.14 .*\\$2\\.13.*Public Service Tax +\\$63\\.40 +10 % +\\$6\\.34.*Total +\\$91\\.61"
          bill examples/language/gross_up_taxes.tariff ${georgia_usage} ${july})
docs_test(bill.minimum_monthly 0 "Minimum Bill .*\\$12\\.56.*Total +\\$25\\.00" bill examples/language/minimum_monthly.tariff ${georgia_usage} ${july})
docs_test(bill.rounding_half_even 0 "\"amount\": \"9\\.76\",[^}]*\"unrounded\": \"9\\.765000\"" bill examples/language/rounding.tariff ${georgia_usage} ${july} --format json)
docs_test(bill.revision_split 0 "2024-08-16 to 2024-08-31 \\(rates of 2024-08-16\\) +0\\.516129032258 month.*Total +\\$105\\.97"
          bill examples/language/revisions.tariff ${georgia_usage} --from 2024-08-01 --to 2024-09-01)
docs_test(bill.revision_as_of 0 "Total +\\$103\\.28" bill examples/language/revisions.tariff ${georgia_usage} --from 2024-08-01 --to 2024-09-01 --as-of 2024-08-01)
set(willmar_usage --usage examples/usage/willmar_large_power_2024-07_10.csv)
docs_test(bill.ratchet_series 0 "2024-08-01 to 2024-09-01.*Demand Charge +80 kW +\\$13\\.05/kW +\\$1044\\.00"
          bill examples/language/billing_demand.tariff ${willmar_usage} --from 2024-07-01 --to 2024-11-01 --cycle monthly)
docs_test(bill.ratchet_history 0 "Demand Charge +104 kW +\\$13\\.05/kW +\\$1357\\.20"
          bill examples/language/billing_demand.tariff ${willmar_usage} --from 2024-08-01 --to 2024-09-01
          --demand-history examples/language/demand_history.csv)
docs_test(bill.per_day 0 "Facilities Charge +31 day .*Total +\\$96\\.83" bill examples/language/per_day.tariff ${georgia_usage} ${july})
set(late_fee_tariff examples/language/late_fee.tariff ${georgia_usage} ${july})
docs_test(bill.late_fee_unpaid 0 "Late Payment Charge +\\$120\\.00 +1\\.5 % +\\$5\\.00.*Total +\\$99\\.59"
          bill ${late_fee_tariff} --past-due 120.00 --due-date 2024-06-20)
docs_test(bill.late_fee_paid_late 0 "Late Payment Charge +\\$500\\.00 +1\\.5 % +\\$7\\.50.*Total +\\$102\\.09"
          bill ${late_fee_tariff} --past-due 500.00 --due-date 2024-06-20 --paid-on 2024-07-15)
docs_test(bill.late_fee_in_time 0 "Total +\\$94\\.59" bill ${late_fee_tariff} --past-due 500.00 --due-date 2024-06-20 --paid-on 2024-07-10)
docs_test(bill.late_fee_no_due_date 1 "error\\[B0030\\]: the account has a past-due balance of \\$120\\.00 but no due date"
          bill ${late_fee_tariff} --past-due 120.00)
docs_test(explain.late_fee 0 "unpaid on 2024-08-01, the bill's date: 42 days after the due date, more than the 20 the tariff allows"
          explain ${late_fee_tariff} --past-due 120.00 --due-date 2024-06-20)
set(solar_july --usage examples/usage/solar_2024-07.csv ${july})
docs_test(bill.net_metering 0 "Energy Charge +372 kWh .*\\$37\\.20.*Excess Generation Credit +0 kWh .*Total +\\$51\\.20"
          bill examples/language/net_metering.tariff ${solar_july})
docs_test(bill.net_metering_tou 0 "Night +558 kWh .*\\$44\\.64.*Excess Generation Credit +186 kWh .*-\\$5\\.58.*Reactive Energy Charge +372 kVARh .*\\$0\\.74.*Total +\\$53\\.80"
          bill examples/language/net_metering_tou.tariff ${solar_july})
docs_test(bill.net_metering_no_channel 1 "error\\[B0040\\]: the tariff bills received energy \\(net metering\\)"
          bill examples/language/net_metering.tariff ${georgia_usage} ${july})
docs_test(bill.power_factor 0 "Demand Charge +1\\.011235955056 kW +\\$10\\.00/kW +\\$10\\.11.*Total +\\$98\\.51"
          bill examples/language/power_factor.tariff ${solar_july})
docs_test(explain.power_factor 0 "power factor 744 kWh / sqrt\\(744² \\+ 372²\\) = 0\\.89 \\(rounded half_up\\), below 90 %"
          explain examples/language/power_factor.tariff ${solar_july})
docs_test(bill.kva_demand 0 "Demand Charge +1\\.12 kVA +\\$8\\.00/kVA +\\$8\\.96.*Total +\\$97\\.36"
          bill examples/language/kva_demand.tariff ${solar_july})
# Volumes and therms: water in gallons (10 gal an hour, January 2024 7,440 gal), gas in CCF
# (0.1 CCF an hour, January 2024 74.4 CCF).
set(water_usage --usage examples/usage/mahanoy_water_2024-01_02.csv)
set(gas_ccf_usage --usage examples/usage/gas_ccf_2024-01_02.csv)
set(january --from 2024-01-01 --to 2024-02-01)
docs_test(bill.volume_units 0 "Volume Charge, over 5 kgal +2\\.44 kgal +\\$6\\.00/kgal +\\$14\\.64.*Total +\\$51\\.39"
          bill examples/language/volume_units.tariff ${water_usage} ${january})
docs_test(bill.stated_conversion 0 "Water Volume +55\\.6512 kgal +\\$4\\.00/kgal +\\$222\\.60.*Total +\\$293\\.28"
          bill examples/language/stated_conversion.tariff ${gas_ccf_usage} ${january})
docs_test(explain.therm_factor 0 "74\\.4 CCF [^ ]+ BTU Factor 1\\.037 \\(billing month 2024-01\\) = 77\\.1528 therm, rounded half_up to 1: 77 therm.*Total \\$94\\.71"
          explain examples/language/therm_factor.tariff ${gas_ccf_usage} ${january})
docs_test(bill.sewer_cap 0 "Sewer Volume +5 kgal +\\$6\\.00/kgal +\\$30\\.00.*Total +\\$109\\.45"
          bill examples/language/sewer_cap.tariff ${water_usage} ${january} --attribute winter_average=5000)
docs_test(bill.sewer_cap_missing 1 "error\\[B0050\\]: charge `sewer` is capped at the account attribute `winter_average` in gal, which the account does not give"
          bill examples/language/sewer_cap.tariff ${water_usage} ${january})
docs_test(bill.rounding_quantities 0 "Delivery Charge +74 CCF +\\$0\\.50/CCF +\\$37\\.00.*Total +\\$47\\.00"
          bill examples/language/rounding_quantities.tariff ${gas_ccf_usage} ${january})
docs_test(bill.exemptions_taxed 0 "State Sales Tax +\\$74\\.40 +6 % +\\$4\\.46.*Total +\\$80\\.35"
          bill examples/language/exemptions.tariff ${georgia_usage} ${july} --attribute tax_exempt=no)
docs_test(bill.exemptions_exempt 0 "City Utility Tax.*Total +\\$75\\.89.*not billed: the account's tax_exempt is yes"
          bill examples/language/exemptions.tariff ${georgia_usage} ${july} --attribute tax_exempt=yes)
docs_test(bill.per_meter 0 "Meter Charge +3 meter +\\$3\\.00/meter +\\$9\\.00"
          bill examples/language/per_bill.tariff ${georgia_usage} ${july} --attribute meters=3)
docs_test(bill.billing_month 0 "Fuel Cost Adjustment +744 kWh +\\$0\\.0198/kWh +\\$14\\.73.*Total +\\$77\\.30"
          bill examples/language/billing_month.tariff ${georgia_usage} ${july})
docs_test(bill.billing_month_missing 1 "error\\[B0055\\]: charge `power` has no price for the billing month 2024-09"
          bill examples/language/billing_month.tariff ${georgia_usage} --from 2024-09-01 --to 2024-10-01)
docs_test(bill.rounding_total 0 "Rounding Adjustment +1 bill +\\$0\\.4488 +\\$0\\.4488.*Total +\\$98"
          bill examples/language/rounding_total.tariff ${georgia_usage} ${july})
docs_test(bill.therm_factor_file 0 "Delivery Charge +73 therm +\\$0\\.4512/therm +\\$32\\.94"
          bill examples/language/therm_factor_file.tariff ${gas_ccf_usage} --from 2024-02-01 --to 2024-03-01)
docs_test(bill.rounding_per_charge 0 "Sales Tax +\\$97\\.55 +6\\.25 % +\\$6\\.09.*Total +\\$103\\.64"
          bill examples/language/rounding_per_charge.tariff ${georgia_usage} ${july})
docs_test(bill.rounding_limits 0 "up to 22\\.1918 kWh/day +688 kWh.*over 22\\.1918 kWh/day +56 kWh.*Total +\\$90\\.33"
          bill examples/language/rounding_limits.tariff ${georgia_usage} ${july})
# Quantities derived from other quantities (allowance, share, winter average)
docs_test(bill.derived_allowance_share 0 "Water Volume +5\\.44 kgal +\\$5\\.00/kgal +\\$27\\.20.*Sewer Volume +6\\.696 kgal +\\$6\\.00/kgal +\\$40\\.18.*Total +\\$109\\.63"
          bill examples/language/derived_quantities.tariff ${water_usage} ${january})
docs_test(bill.winter_average 0 "Sewer Volume +5 kgal +\\$6\\.00/kgal +\\$30\\.00.*Total +\\$107\\.05"
          bill examples/language/winter_average.tariff ${water_usage} --from 2024-02-01 --to 2024-03-01
          --usage-history examples/language/winter_usage_history.csv)
docs_test(bill.winter_average_missing 1 "error\\[B0060\\]: charge `sewer` is billed on the average of earlier months' usage, and the account's usage history has none for 2022-12, 2023-01, 2023-02, 2023-03"
          bill examples/language/winter_average.tariff ${water_usage} --from 2024-02-01 --to 2024-03-01)
# Billing cycles: a quarterly water tariff billed on quarterly reads, quarter by quarter.
set(quarterly_reads --reads examples/usage/quarterly_reads_2024.csv --from 2024-01-01 --to 2024-07-01 --cycle quarterly)
docs_test(bill.billing_cycle 0 "Meter Charge +3 month +\\$6\\.50/month +\\$19\\.50.*Fire Hydrant Fee +0\\.25 year +\\$50\\.00/year +\\$12\\.50.*Total +\\$270\\.00.*Quarterly Minimum .*\\$42\\.00.*Total +\\$107\\.00"
          bill examples/language/billing_cycle.tariff ${quarterly_reads})
docs_test(bill.billing_cycle_month 1 "error\\[B0080\\]: the billing period 2024-01-01 \\.\\. 2024-02-01 is 31 days, but the tariff bills one quarter per bill"
          bill examples/language/billing_cycle.tariff --reads examples/usage/quarterly_reads_2024.csv --from 2024-01-01 --to 2024-02-01)
# Fractional percentages: 33 1/3 % and 1/3 %, exact until the line's rounding.
docs_test(bill.fractional_percent 0 "Cost Share \\(one third\\) .*33\\.333333333333 % +\\$4\\.67.*Regulatory Fee .*\\$0\\.29.*Total +\\$93\\.36"
          bill examples/language/fractional_percent.tariff ${georgia_usage} ${july})
# Fixed charges only: billed without usage (docs/language.md, "Fixed charges only").
docs_test(bill.fixed_charges_only 0 "Standby Fee +1 month +\\$12\\.50/month +\\$12\\.50.*Total +\\$22\\.25" bill examples/language/fixed_charges_only.tariff ${july})
docs_test(bill.fixed_charges_only_first_bill 0 "Total +\\$11\\.48" bill examples/language/fixed_charges_only.tariff --from 2024-07-16 --to 2024-08-01)
docs_test(bill.metered_without_usage 2 "give the usage: --usage INTERVALS.csv or --reads READS.csv" bill examples/language/minimal.tariff ${july})
# --cycle cuts [from, to) into quarters here as for a tariff billed on usage (one bill per quarter).
docs_test(bill.fixed_charges_only_quarters 0 "2024-10-01 to 2025-01-01.*Total of 4 bills" bill examples/language/fixed_charges_only.tariff
          --from 2024-01-01 --to 2025-01-01 --cycle quarterly)
