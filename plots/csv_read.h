/* Reading the CSV files `shequn plot` draws: RFC 4180 fields, columns
 * found by their header name, and a check of a whole file before it is
 * used, with errors naming the file, the line and the column. */
#ifndef SQ_PLOT_CSV_READ_H
#define SQ_PLOT_CSV_READ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "models/error.h"

#define SQ_PLOT_CSV_LINE 4096 /* longest line read, with its newline and '\0' */

/* A CSV file open for reading, its header read. */
typedef struct sq_plot_csv {
  FILE *f;
  const char *path;
  char header[SQ_PLOT_CSV_LINE];
  char line[SQ_PLOT_CSV_LINE]; /* the row sq_plot_csv_next read */
  int line_no;                 /* its line number (the header is line 1) */
  long data_start;             /* the offset of line 2 */
} sq_plot_csv;

/* Open `path` and read its header line.  `path` must outlive the reader. */
int sq_plot_csv_open(sq_plot_csv *r, const char *path, sq_error *err);

/* The index of column `name` in the header; an error "PATH:1: no column
 * "NAME" in the header" when there is none. */
int sq_plot_csv_column(const sq_plot_csv *r, const char *name, int *col, sq_error *err);

/* sq_plot_csv_column for each of `names` (NULL-ended) into cols. */
int sq_plot_csv_columns(const sq_plot_csv *r, const char *const *names, int *cols, sq_error *err);

/* The next row into r->line; false at the end of the file, or when it
 * cannot be read (then *err is set and rc, if not NULL, is the status). */
bool sq_plot_csv_next(sq_plot_csv *r, int *rc, sq_error *err);

/* Back to the first row below the header. */
int sq_plot_csv_rewind(sq_plot_csv *r, sq_error *err);

void sq_plot_csv_close(sq_plot_csv *r);

/* Field `col` of the current row, copied into buf ("" when there is none). */
const char *sq_plot_csv_field(const sq_plot_csv *r, int col, char *buf, size_t size);

/* The name of column `col` in the header ("" when there is none). */
const char *sq_plot_csv_name(const sq_plot_csv *r, int col, char *buf, size_t size);

/* Field `col` of the current row as a number (0 when empty). */
double sq_plot_csv_number(const sq_plot_csv *r, int col);

/* The longest horizon a scenario may have (horizon_days), so the last day. */
#define SQ_PLOT_MAX_DAY 36500

/* Field `col` of the current row as a day: a whole number from 0 to
 * SQ_PLOT_MAX_DAY, else an error naming the file and line. */
int sq_plot_csv_day(const sq_plot_csv *r, int col, int *day, sq_error *err);

/* What plot needs of a CSV file: columns by name, numbers (or empty
 * fields) in some of them, and at least `least_rows` rows. */
typedef struct sq_plot_csv_need {
  const char *numbers[24]; /* NULL-ended */
  const char *texts[4];    /* NULL-ended */
  int least_rows;
} sq_plot_csv_need;

/* Check a CSV file before plotting it, naming the file and line of what
 * is wrong (gnuplot would only warn, without either): a header with the
 * needed columns, every row with the header's number of fields and no
 * stray quote, numbers where numbers are needed. */
int sq_plot_csv_check(const char *path, const sq_plot_csv_need *need, sq_error *err);

#endif
