#include "sim/serve/http.h"

#include <arpa/inet.h>
#include <cjson/cJSON.h>
#include <ctype.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/io/fileio.h"
#include "sim/io/scenario.h"
#include "sim/serve/runs.h"

/* The page's files: the only paths under web/ a request can reach. */
static const struct asset {
  const char *url, *file, *type;
} assets[] = {
    {"/", "index.html", "text/html; charset=utf-8"},
    {"/index.html", "index.html", "text/html; charset=utf-8"},
    {"/app.js", "app.js", "text/javascript; charset=utf-8"},
    {"/i18n.js", "i18n.js", "text/javascript; charset=utf-8"},
    {"/app.css", "app.css", "text/css; charset=utf-8"},
    {"/vendor/uPlot.iife.min.js", "vendor/uPlot.iife.min.js", "text/javascript; charset=utf-8"},
    {"/vendor/uPlot.min.css", "vendor/uPlot.min.css", "text/css; charset=utf-8"},
    {"/vendor/LICENSE.uPlot", "vendor/LICENSE.uPlot", "text/plain; charset=utf-8"},
};

struct sq_server {
  struct MHD_Daemon *daemon;
  sq_runs *runs;
  sq_scenario_list scenarios;
  sq_serve_limits limits;
  bool local;  /* bound to the loopback: only Host names of this machine */
  int port;
  char *asset_body[SQ_LEN(assets)];
  size_t asset_size[SQ_LEN(assets)];
};

/* A request's body as it arrives. */
typedef struct upload {
  char *body;
  size_t size;
  bool too_big;
} upload;

/* A run's stream. */
typedef struct stream {
  sq_serve_run *run;
  size_t offset;
} stream;

static enum MHD_Result send_text(struct MHD_Connection *c, unsigned status, const char *type,
                                 const char *text, size_t size) {
  struct MHD_Response *r =
      MHD_create_response_from_buffer(size, (void *)text, MHD_RESPMEM_MUST_COPY);
  if (!r) return MHD_NO;
  MHD_add_response_header(r, "Content-Type", type);
  MHD_add_response_header(r, "Cache-Control", "no-store");
  MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
  MHD_add_response_header(r, "Content-Security-Policy",
                          "default-src 'self'; img-src 'self' data: blob:; "
                          "style-src 'self' 'unsafe-inline'");
  enum MHD_Result ok = MHD_queue_response(c, status, r);
  MHD_destroy_response(r);
  return ok;
}

/* Send JSON text the caller made (NULL: out of memory) and free it. */
static enum MHD_Result send_json(struct MHD_Connection *c, unsigned status, char *json) {
  if (!json) {
    static const char oom[] = "{\"error\":\"out of memory\"}";
    return send_text(c, 500, "application/json", oom, sizeof oom - 1);
  }
  enum MHD_Result ok = send_text(c, status, "application/json; charset=utf-8", json, strlen(json));
  free(json);
  return ok;
}

static enum MHD_Result send_error(struct MHD_Connection *c, unsigned status, const char *fmt,
                                  ...) __attribute__((format(printf, 3, 4)));
static enum MHD_Result send_error(struct MHD_Connection *c, unsigned status, const char *fmt,
                                  ...) {
  char message[1200];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(message, sizeof message, fmt, ap);
  va_end(ap);
  return send_json(c, status, sq_api_error_json(message));
}

/* ---- the run's event stream ------------------------------------------------ */

static ssize_t stream_read(void *cls, uint64_t pos, char *buf, size_t max) {
  (void)pos;
  stream *s = cls;
  bool ended;
  size_t n = sq_run_read(s->run, s->offset, buf, max, 1000, &ended);
  if (n) {
    s->offset += n;
    return (ssize_t)n;
  }
  if (ended) return MHD_CONTENT_READER_END_OF_STREAM;
  static const char keep_alive[] = ": waiting\n\n"; /* a comment: shows a closed page */
  if (max < sizeof keep_alive) return 0;
  memcpy(buf, keep_alive, sizeof keep_alive - 1);
  return (ssize_t)(sizeof keep_alive - 1);
}

/* The response is done with, sent or not: a page gone stops its run. */
static void stream_end(void *cls) {
  stream *s = cls;
  sq_run_detach(s->run);
  free(s);
}

static enum MHD_Result send_stream(struct MHD_Connection *c, sq_server *server, int id) {
  sq_error err = {0};
  stream *s = calloc(1, sizeof *s);
  if (!s) return send_json(c, 500, NULL);
  if (!(s->run = sq_runs_attach(server->runs, id, &err))) {
    free(s);
    return send_json(c, err.status == SQ_EINPUT ? 404 : 500, sq_api_error_json(err.message));
  }
  struct MHD_Response *r = MHD_create_response_from_callback(MHD_SIZE_UNKNOWN, 4096, stream_read,
                                                             s, stream_end);
  if (!r) {
    stream_end(s);
    return MHD_NO;
  }
  MHD_add_response_header(r, "Content-Type", "text/event-stream; charset=utf-8");
  MHD_add_response_header(r, "Cache-Control", "no-store");
  MHD_add_response_header(r, "X-Accel-Buffering", "no");
  enum MHD_Result ok = MHD_queue_response(c, MHD_HTTP_OK, r);
  MHD_destroy_response(r);
  return ok;
}

/* ---- requests ------------------------------------------------------------------ */

/* A run's number in a URL or query: 1 to 999999999, digits only; 0 if not. */
static int run_number(const char *text, size_t length) {
  if (!text || length == 0 || length > 9) return 0;
  int id = 0;
  for (size_t i = 0; i < length; i++) {
    if (!isdigit((unsigned char)text[i])) return 0;
    id = 10 * id + (text[i] - '0');
  }
  return id;
}

/* Bound to the loopback, a request must name this machine in Host: a page
 * elsewhere cannot reach the server through a name of its own (DNS
 * rebinding). */
static bool host_allowed(struct MHD_Connection *c, const sq_server *server) {
  if (!server->local) return true;
  const char *host = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Host");
  if (!host) return false;
  static const char *const names[] = {"127.0.0.1", "localhost", "[::1]"};
  for (size_t i = 0; i < SQ_LEN(names); i++) {
    size_t n = strlen(names[i]);
    if (strncmp(host, names[i], n) == 0 && (host[n] == '\0' || host[n] == ':')) return true;
  }
  return false;
}

static enum MHD_Result handle_get(struct MHD_Connection *c, sq_server *server, const char *url) {
  for (size_t i = 0; i < SQ_LEN(assets); i++)
    if (strcmp(url, assets[i].url) == 0)
      return send_text(c, MHD_HTTP_OK, assets[i].type, server->asset_body[i],
                       server->asset_size[i]);
  if (strcmp(url, "/api/scenarios") == 0)
    return send_json(c, MHD_HTTP_OK, sq_api_scenarios_json(&server->scenarios));
  if (strcmp(url, "/api/keys") == 0)
    return send_json(c, MHD_HTTP_OK, sq_api_keys_json(&server->limits));
  if (strcmp(url, "/api/compare") == 0) {
    const char *a = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "a");
    const char *b = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "b");
    int ia = run_number(a, a ? strlen(a) : 0), ib = run_number(b, b ? strlen(b) : 0);
    if (!ia || !ib)
      return send_error(c, 400, "GET /api/compare: expected ?a=RUN&b=RUN, two run numbers");
    sq_error err = {0};
    char *json = sq_runs_logrank(server->runs, ia, ib, &err);
    return json ? send_json(c, MHD_HTTP_OK, json)
                : send_json(c, err.status == SQ_EINPUT ? 409 : 500, sq_api_error_json(err.message));
  }
  static const char prefix[] = "/api/runs/", suffix[] = "/events";
  size_t n = strlen(url), np = sizeof prefix - 1, ns = sizeof suffix - 1;
  if (n > np + ns && strncmp(url, prefix, np) == 0 && strcmp(url + n - ns, suffix) == 0) {
    int id = run_number(url + np, n - np - ns);
    if (id) return send_stream(c, server, id);
  }
  return send_error(c, 404, "GET %.200s: no such page or API (docs/SERVE_API.md)", url);
}

static enum MHD_Result handle_post(struct MHD_Connection *c, sq_server *server, const char *url,
                                   const upload *u) {
  bool run = strcmp(url, "/api/runs") == 0;
  if (!run && strcmp(url, "/api/scenario") != 0)
    return send_error(c, 404, "POST %.200s: no such API (docs/SERVE_API.md)", url);
  const char *type = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Type");
  if (!type || strncmp(type, "application/json", 16) != 0)
    return send_error(c, 415, "POST %s: expected Content-Type: application/json", url);
  if (u->too_big) return send_error(c, 413, "request: more than %d bytes", SQ_SERVE_MAX_BODY);
  sq_scenario *sc = malloc(sizeof *sc);
  if (!sc) return send_json(c, 500, NULL);
  sq_error err = {0};
  enum MHD_Result ok;
  if (sq_api_resolve(&server->scenarios, &server->limits, u->body ? u->body : "", u->size, sc,
                     &err)) {
    ok = send_json(c, 400, sq_api_error_json(err.message));
  } else {
    char *text = sq_scenario_to_json(sc);
    cJSON *root = cJSON_CreateObject();
    int id = 0;
    int rc = run ? sq_runs_add(server->runs, sc, &id, &err) : SQ_OK;
    if (rc) {
      ok = send_json(c, rc == SQ_EINPUT ? 429 : 500, sq_api_error_json(err.message));
    } else {
      if (run) cJSON_AddNumberToObject(root, "id", id);
      cJSON *resolved = text ? cJSON_Parse(text) : NULL;
      if (resolved) cJSON_AddItemToObject(root, "scenario", resolved);
      char *json = resolved ? cJSON_PrintUnformatted(root) : NULL;
      ok = send_json(c, run ? 201 : MHD_HTTP_OK, json);
    }
    cJSON_Delete(root);
    free(text);
  }
  free(sc);
  return ok;
}

static enum MHD_Result handle(void *cls, struct MHD_Connection *c, const char *url,
                              const char *method, const char *version, const char *data,
                              size_t *data_size, void **request) {
  (void)version;
  sq_server *server = cls;
  bool post = strcmp(method, "POST") == 0;
  if (post) {
    upload *u = *request;
    if (!u) { /* the headers: the body comes next */
      if (!(u = calloc(1, sizeof *u))) return MHD_NO;
      *request = u;
      return MHD_YES;
    }
    if (*data_size) {
      if (u->size + *data_size > SQ_SERVE_MAX_BODY) {
        u->too_big = true;
      } else if (!u->too_big) {
        char *b = realloc(u->body, u->size + *data_size + 1);
        if (!b) return MHD_NO;
        memcpy(b + u->size, data, *data_size);
        u->body = b, u->size += *data_size, b[u->size] = '\0';
      }
      *data_size = 0;
      return MHD_YES;
    }
  }
  if (!host_allowed(c, server))
    return send_error(c, 403, "this server answers only to 127.0.0.1 or localhost");
  if (post) return handle_post(c, server, url, *request);
  if (strcmp(method, "GET") == 0 || strcmp(method, "HEAD") == 0) return handle_get(c, server, url);
  return send_error(c, 405, "%.20s %.200s: only GET and POST are answered", method, url);
}

static void request_done(void *cls, struct MHD_Connection *c, void **request,
                         enum MHD_RequestTerminationCode code) {
  (void)cls, (void)c, (void)code;
  upload *u = *request;
  if (u) free(u->body);
  free(u);
  *request = NULL;
}

/* ---- the server ------------------------------------------------------------------- */

static void free_assets(sq_server *s) {
  for (size_t i = 0; i < SQ_LEN(assets); i++) free(s->asset_body[i]);
}

sq_server *sq_server_start(const sq_serve_config *config, int *port, sq_error *err) {
  struct sockaddr_in address = {.sin_family = AF_INET, .sin_port = htons((uint16_t)config->port)};
  if (inet_pton(AF_INET, config->bind, &address.sin_addr) != 1) {
    sq_error_set(err, SQ_EINPUT, "--bind: expected an IPv4 address such as 127.0.0.1, got '%s'",
                 config->bind);
    return NULL;
  }
  sq_server *s = calloc(1, sizeof *s);
  if (!s) {
    sq_error_set(err, SQ_ERUNTIME, "out of memory");
    return NULL;
  }
  s->limits = config->limits;
  s->local = (ntohl(address.sin_addr.s_addr) >> 24) == 127;
  for (size_t i = 0; i < SQ_LEN(assets); i++) {
    char path[4400];
    snprintf(path, sizeof path, "%s/%s", config->web_dir, assets[i].file);
    if (!(s->asset_body[i] = sq_read_file(path, &s->asset_size[i], err))) {
      free_assets(s);
      free(s);
      return NULL;
    }
  }
  if (sq_api_list_scenarios(config->scenario_dir, &s->scenarios, err) ||
      !(s->runs = sq_runs_new(&config->limits, config->threads))) {
    if (!err->status) sq_error_set(err, SQ_ERUNTIME, "out of memory");
    free_assets(s);
    free(s);
    return NULL;
  }
  s->daemon = MHD_start_daemon(
      MHD_USE_THREAD_PER_CONNECTION | MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ERROR_LOG, 0,
      NULL, NULL, handle, s, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&address,
      MHD_OPTION_NOTIFY_COMPLETED, request_done, s, MHD_OPTION_CONNECTION_LIMIT, 200u,
      MHD_OPTION_CONNECTION_TIMEOUT, 120u, MHD_OPTION_END);
  if (!s->daemon) {
    sq_error_set(err, SQ_ERUNTIME, "cannot listen on %s port %d (in use, or not this machine's)",
                 config->bind, config->port);
    sq_runs_free(s->runs);
    free_assets(s);
    free(s);
    return NULL;
  }
  const union MHD_DaemonInfo *info = MHD_get_daemon_info(s->daemon, MHD_DAEMON_INFO_BIND_PORT);
  *port = s->port = info ? info->port : config->port;
  return s;
}

void sq_server_stop(sq_server *s) {
  if (!s) return;
  sq_runs_cancel(s->runs);    /* their streams end */
  MHD_stop_daemon(s->daemon); /* waits for the connections' threads */
  sq_runs_free(s->runs);
  free_assets(s);
  free(s);
}
