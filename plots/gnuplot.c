/* Running gnuplot into a temporary file renamed on success (plots/gnuplot.h). */
#include "plots/gnuplot.h"

#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "plots/script.h"

extern char **environ;

/* gnuplot's messages from the log, for an error ("" if it cannot be read). */
static void read_log(const char *log, char *msg, size_t size) {
  msg[0] = '\0';
  FILE *f = fopen(log, "r");
  if (!f) return;
  size_t n = fread(msg, 1, size - 1, f);
  msg[n] = '\0';
  fclose(f);
}

int sq_plot_gnuplot(const char *template_path, const char *script, const char *temp,
                    const char *out, const char *log, const char *dir, sq_error *err) {
  char rel[4400];
  posix_spawn_file_actions_t fa;
  int rc = posix_spawn_file_actions_init(&fa);
  if (rc) return sq_error_set(err, SQ_ERUNTIME, "cannot run gnuplot: %s", strerror(rc));
  rc = posix_spawn_file_actions_addopen(&fa, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
  if (!rc)
    rc = posix_spawn_file_actions_addopen(&fa, STDERR_FILENO, log,
                                          O_WRONLY | O_CREAT | O_TRUNC, 0644);
  char *argv[] = {"gnuplot", "-e", (char *)script,
                  (char *)sq_gp_path_of(template_path, rel, sizeof rel), NULL};
  pid_t pid;
  if (!rc) rc = posix_spawnp(&pid, "gnuplot", &fa, NULL, argv, environ);
  posix_spawn_file_actions_destroy(&fa);
  if (rc == ENOENT)
    return sq_error_set(err, SQ_ERUNTIME,
                        "gnuplot is not installed (Debian: apt-get install gnuplot-nox); the CSV "
                        "files in %s are there to plot with another tool",
                        dir);
  if (rc) return sq_error_set(err, SQ_ERUNTIME, "cannot run gnuplot: %s", strerror(rc));
  int status;
  pid_t waited;
  while ((waited = waitpid(pid, &status, 0)) < 0 && errno == EINTR) {}
  if (waited < 0) {
    int saved = errno;
    unlink(temp);
    return sq_error_set(err, SQ_ERUNTIME, "cannot wait for gnuplot: %s", strerror(saved));
  }
  struct stat st;
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || stat(temp, &st) != 0 || st.st_size == 0) {
    unlink(temp);
    char msg[600];
    read_log(log, msg, sizeof msg);
    const char *slash = strrchr(template_path, '/');
    return sq_error_set(err, SQ_ERUNTIME, "gnuplot failed on %s for %s: %s",
                        slash ? slash + 1 : template_path, out, msg);
  }
  if (rename(temp, out) != 0) {
    int saved = errno;
    unlink(temp);
    return sq_error_set(err, SQ_ERUNTIME, "%s: cannot rename into place: %s", out,
                        strerror(saved));
  }
  return SQ_OK;
}
