/* `shequn serve`'s HTTP side (GNU libmicrohttpd): the page's fixed set of
 * files, read once from the web/ folder at start, and the JSON API of
 * docs/SERVE_API.md, with each run's events as a server-sent-event stream.
 * Built only when libmicrohttpd is found (CMakeLists.txt). */
#ifndef SQ_SERVE_HTTP_H
#define SQ_SERVE_HTTP_H

#include "models/error.h"
#include "sim/serve/api.h"

typedef struct sq_serve_config {
  const char *bind;      /* an IPv4 address: "127.0.0.1" unless told otherwise */
  int port;              /* 0: any free port */
  const char *web_dir;   /* the page's files (web/) */
  const char *scenario_dir;
  sq_serve_limits limits;
  int threads;           /* for a run's later replicates */
} sq_serve_config;

typedef struct sq_server sq_server;

/* Read the page's files and the scenario list, bind and start serving on
 * threads of libmicrohttpd's; *port gets the port bound.  NULL and an
 * error (SQ_EINPUT for a bad address, SQ_ERUNTIME otherwise). */
sq_server *sq_server_start(const sq_serve_config *config, int *port, sq_error *err);
/* Stop serving: runs going are cancelled and waited for. */
void sq_server_stop(sq_server *server);

#endif
