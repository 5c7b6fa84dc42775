/* Forced into sim/commands/cmd_plot.c when it is built for fuzz_csv: gnuplot is not
 * run; every chart "succeeds" without a file, so that all the CSV readers
 * of a directory are reached, thousands of times a second. */
#include <spawn.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>

int fuzz_posix_spawnp(pid_t *pid, const char *file, const posix_spawn_file_actions_t *actions,
                      const posix_spawnattr_t *attr, char *const argv[], char *const envp[]);
pid_t fuzz_waitpid(pid_t pid, int *status, int options);
int fuzz_stat(const char *path, struct stat *st);
#define posix_spawnp fuzz_posix_spawnp
#define waitpid fuzz_waitpid
#define stat(path, st) fuzz_stat(path, st)
