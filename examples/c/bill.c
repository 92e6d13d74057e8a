/* Bills one period with rateline's C API (C99):
 *   bill TARIFF USAGE.csv FROM TO        (dates YYYY-MM-DD; TO is exclusive)
 * Prints each line item and the total, exactly as decimal strings. Build it against an
 * installed rateline with
 *   cc -std=c99 bill.c -I$PREFIX/include -L$PREFIX/lib -lrateline_c -o bill
 * docs/c-api.md walks through it. */
#include <rateline/rateline.h>

#include <stdio.h>
#include <stdlib.h>

static int parse_date(const char* text, rl_date* date) {
  int year;
  unsigned month, day;
  if (sscanf(text, "%4d-%2u-%2u", &year, &month, &day) != 3) return 0;
  date->year = year;
  date->month = month;
  date->day = day;
  return 1;
}

/* Prints the diagnostics (if any) and frees them. */
static void report(rl_diagnostics* diagnostics) {
  if (diagnostics == NULL) return;
  fputs(rl_diagnostics_text(diagnostics), stderr);
  rl_diagnostics_free(diagnostics);
}

int main(int argc, char** argv) {
  rl_tariff* tariff = NULL;
  rl_usage* usage = NULL;
  rl_bill* bill = NULL;
  rl_diagnostics* diagnostics = NULL;
  rl_date from, to;
  rl_status status;
  size_t i;
  int exit_code = 1;

  if (argc != 5 || !parse_date(argv[3], &from) || !parse_date(argv[4], &to)) {
    fprintf(stderr, "usage: bill TARIFF USAGE.csv FROM TO   (dates YYYY-MM-DD)\n");
    return 2;
  }
  printf("rateline %s\n", rl_version());

  status = rl_compile_file(argv[1], &tariff, &diagnostics);
  report(diagnostics);
  if (status != RL_OK) {
    fprintf(stderr, "%s: %s\n", rl_status_name(status), rl_last_error());
    goto done;
  }

  /* Timestamps without an offset are in the tariff's zone. */
  status = rl_usage_from_csv(argv[2], rl_tariff_time_zone(tariff), &usage, &diagnostics);
  report(diagnostics);
  if (status != RL_OK) {
    fprintf(stderr, "%s: %s\n", rl_status_name(status), rl_last_error());
    goto done;
  }

  {
    rl_attribute attributes[] = {{"customer_class", "residential"}};
    rl_account account = {0};
    rl_bill_options options = {0}; /* the defaults: usage must cover the period, the tariff's demand window */
    account.id = "ACCT-0001";
    account.attributes = attributes;
    account.attribute_count = 1;
    options.trace = 1;
    status = rl_bill_period(tariff, usage, from, to, &account, &options, &bill, &diagnostics);
  }
  report(diagnostics);
  if (status != RL_OK) {
    fprintf(stderr, "%s: %s\n", rl_status_name(status), rl_last_error());
    goto done;
  }

  printf("%s, %04d-%02u-%02u .. %04d-%02u-%02u\n", rl_bill_tariff(bill), (int)from.year, from.month, from.day, (int)to.year, to.month,
         to.day);
  for (i = 0; i < rl_bill_line_item_count(bill); ++i) {
    rl_line_item item;
    if (rl_bill_line_item(bill, i, &item) != RL_OK) goto done;
    printf("  %-40s %12s %-6s x %10s %-7s = %10s\n", item.label, item.quantity, item.unit, item.rate, item.rate_unit, item.amount);
    if (item.trace_count > 0) printf("      %s\n", rl_bill_line_item_trace(bill, i, item.trace_count - 1));
  }
  printf("  Total %s %s\n", rl_bill_total(bill), rl_bill_currency(bill));
  fputs(rl_diagnostics_text(rl_bill_notes(bill)), stderr); /* notes belong to the bill: not freed here */
  exit_code = 0;

done:
  rl_bill_free(bill);
  rl_usage_free(usage);
  rl_tariff_free(tariff);
  return exit_code;
}
