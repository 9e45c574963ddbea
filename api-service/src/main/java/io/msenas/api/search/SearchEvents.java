package io.msenas.api.search;

import io.msenas.api.search.SearchViews.GenerationView;
import io.msenas.api.search.SearchViews.SearchView;
import io.msenas.api.store.SearchJobEntity;
import io.msenas.api.store.SearchJobRepository;
import io.msenas.api.web.ApiException;
import io.msenas.api.web.NotFoundException;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import tools.jackson.databind.json.JsonMapper;

/**
 * The live event stream of a search ({@code GET /v1/searches/{id}/events}): Server-Sent Events
 * derived from PostgreSQL, so that every API replica serves every search and a restart loses
 * nothing but the open connections (clients reconnect and start again from the current state).
 *
 * <p>On connect a subscriber gets a {@code progress} event with the search's view, a {@code
 * generation} event for each generation completed so far, and, for a finished search, {@code end}.
 * One poll (every {@code mse-nas.events.poll-interval}) then reads, in one query, which of the
 * subscribed searches changed since each was last sent ({@code updated_at} and the row version),
 * and sends their new generations, a {@code progress} event when the progress changed, and {@code
 * end} (then completes the stream) once the search is SUCCEEDED, FAILED or CANCELLED. A comment
 * heartbeat keeps idle connections open through proxies.
 */
@Component
public class SearchEvents implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(SearchEvents.class);

  private final SearchJobRepository jobs;
  private final SearchService searches;
  private final JdbcClient jdbc;
  private final JsonMapper json;
  private final Duration pollInterval;
  private final Duration heartbeatInterval;
  private final Duration timeout;
  private final int maxSubscribers;

  private final Set<Subscriber> subscribers = ConcurrentHashMap.newKeySet();
  private final AtomicInteger open = new AtomicInteger();
  private volatile ScheduledExecutorService poller;

  SearchEvents(
      SearchJobRepository jobs,
      SearchService searches,
      JdbcClient jdbc,
      JsonMapper json,
      @Value("${mse-nas.events.poll-interval:1s}") Duration pollInterval,
      @Value("${mse-nas.events.heartbeat-interval:15s}") Duration heartbeatInterval,
      @Value("${mse-nas.events.timeout:30m}") Duration timeout,
      @Value("${mse-nas.events.max-subscribers:256}") int maxSubscribers) {
    this.jobs = jobs;
    this.searches = searches;
    this.jdbc = jdbc;
    this.json = json;
    this.pollInterval = pollInterval;
    this.heartbeatInterval = heartbeatInterval;
    this.timeout = timeout;
    this.maxSubscribers = maxSubscribers;
  }

  /** Too many open streams on this replica. */
  static final class TooManySubscribersException extends ApiException {
    TooManySubscribersException(int limit) {
      super(
          HttpStatus.SERVICE_UNAVAILABLE,
          "too-many-subscribers",
          "Too many subscribers",
          "this replica already serves " + limit + " event streams; retry later");
    }
  }

  /** What a subscriber has been sent of its search. */
  private static final class Subscriber {
    final UUID searchId;
    final SseEmitter emitter;
    final AtomicBoolean closed = new AtomicBoolean();
    Instant updatedAt;
    long version;
    int lastGeneration = -1;
    Fingerprint progress;
    long lastSentNanos = System.nanoTime();

    Subscriber(UUID searchId, SseEmitter emitter) {
      this.searchId = searchId;
      this.emitter = emitter;
    }
  }

  /** The parts of a view whose change is worth a {@code progress} event. */
  private record Fingerprint(
      SearchStatus status,
      int generation,
      int evaluationsDone,
      int evaluationsFailed,
      Double bestFitness,
      UUID bestIndividualId,
      UUID winnerId) {

    static Fingerprint of(SearchView view) {
      var p = view.progress();
      return new Fingerprint(
          view.status(),
          p.generation(),
          p.evaluationsDone(),
          p.evaluationsFailed(),
          p.bestFitness(),
          p.bestIndividualId(),
          view.winnerId());
    }
  }

  /**
   * Opens a stream on a search of {@code tenant}: not found (404) for an unknown id or another
   * tenant's search, 503 past the subscriber limit.
   */
  public SseEmitter subscribe(String tenant, UUID id) {
    SearchJobEntity job =
        jobs.findByIdAndTenantId(id, tenant).orElseThrow(() -> new NotFoundException("search", id));
    if (open.incrementAndGet() > maxSubscribers) {
      open.decrementAndGet();
      throw new TooManySubscribersException(maxSubscribers);
    }
    Subscriber subscriber = new Subscriber(id, new SseEmitter(timeout.toMillis()));
    SseEmitter emitter = subscriber.emitter;
    emitter.onCompletion(() -> release(subscriber));
    emitter.onTimeout(
        () -> {
          release(subscriber);
          emitter.complete();
        });
    emitter.onError(e -> release(subscriber));
    try {
      SearchView view = searches.view(job);
      subscriber.updatedAt = job.getUpdatedAt();
      subscriber.version = job.getVersion();
      subscriber.progress = Fingerprint.of(view);
      send(subscriber, "progress", view);
      for (GenerationView generation : generationsAfter(id, -1)) {
        send(subscriber, "generation", generation);
        subscriber.lastGeneration = generation.number();
      }
      if (view.status().isTerminal()) {
        send(subscriber, "end", view);
        release(subscriber);
        emitter.complete();
        return emitter;
      }
    } catch (IOException e) {
      release(subscriber);
      emitter.completeWithError(e);
      return emitter;
    } catch (RuntimeException e) {
      release(subscriber);
      throw e;
    }
    if (!subscriber.closed.get()) {
      subscribers.add(subscriber);
    }
    return emitter;
  }

  private void release(Subscriber subscriber) {
    if (subscriber.closed.compareAndSet(false, true)) {
      subscribers.remove(subscriber);
      open.decrementAndGet();
    }
  }

  /** Sends what changed to every subscriber, and heartbeats to the quiet ones. */
  void poll() {
    if (subscribers.isEmpty()) {
      return;
    }
    List<Subscriber> current = List.copyOf(subscribers);
    Map<UUID, List<Subscriber>> bySearch = new HashMap<>();
    current.forEach(s -> bySearch.computeIfAbsent(s.searchId, k -> new ArrayList<>()).add(s));
    // one row per (search, what a subscriber last saw); the query keeps the searches that moved on
    List<String> ids = new ArrayList<>();
    List<String> seen = new ArrayList<>();
    List<Long> versions = new ArrayList<>();
    for (Subscriber s : current) {
      ids.add(s.searchId.toString());
      seen.add(s.updatedAt.toString());
      versions.add(s.version);
    }
    List<UUID> changed =
        jdbc.sql(
                "select distinct j.id from search_job j"
                    + " join unnest(:ids::uuid[], :seen::timestamptz[], :versions::bigint[])"
                    + " as s(id, seen, version) on j.id = s.id"
                    + " where j.updated_at is distinct from s.seen"
                    + " or j.version is distinct from s.version")
            .param("ids", ids.toArray(new String[0]))
            .param("seen", seen.toArray(new String[0]))
            .param("versions", versions.toArray(new Long[0]))
            .query((rs, n) -> rs.getObject(1, UUID.class))
            .list();
    if (!changed.isEmpty()) {
      for (SearchJobEntity job : jobs.findAllById(changed)) {
        List<Subscriber> watching = bySearch.getOrDefault(job.getId(), List.of());
        int from = watching.stream().mapToInt(s -> s.lastGeneration).min().orElse(-1);
        List<GenerationView> generations = generationsAfter(job.getId(), from);
        SearchView view = searches.view(job);
        for (Subscriber s : watching) {
          update(s, job, view, generations);
        }
      }
    }
    long now = System.nanoTime();
    for (Subscriber s : current) {
      if (!s.closed.get() && now - s.lastSentNanos >= heartbeatInterval.toNanos()) {
        try {
          synchronized (s) {
            s.emitter.send(SseEmitter.event().comment("heartbeat"));
            s.lastSentNanos = now;
          }
        } catch (IOException | IllegalStateException e) {
          drop(s, e);
        }
      }
    }
  }

  private void update(
      Subscriber s, SearchJobEntity job, SearchView view, List<GenerationView> generations) {
    if (s.closed.get()) {
      return;
    }
    try {
      synchronized (s) {
        for (GenerationView generation : generations) {
          if (generation.number() > s.lastGeneration) {
            send(s, "generation", generation);
            s.lastGeneration = generation.number();
          }
        }
        s.updatedAt = job.getUpdatedAt();
        s.version = job.getVersion();
        if (view.status().isTerminal()) {
          send(s, "end", view);
          release(s);
          s.emitter.complete();
          return;
        }
        Fingerprint progress = Fingerprint.of(view);
        if (!progress.equals(s.progress)) {
          send(s, "progress", view);
          s.progress = progress;
        }
      }
    } catch (IOException | IllegalStateException e) {
      drop(s, e);
    }
  }

  private void drop(Subscriber s, Exception e) {
    log.debug("event stream of search {} closed: {}", s.searchId, e.toString());
    release(s);
    try {
      s.emitter.complete();
    } catch (RuntimeException ignored) {
      // already completed
    }
  }

  private void send(Subscriber s, String name, Object data) throws IOException {
    s.emitter.send(SseEmitter.event().name(name).data(json.writeValueAsString(data)));
    s.lastSentNanos = System.nanoTime();
  }

  /** The search's completed generations numbered above {@code after}, in order. */
  private List<GenerationView> generationsAfter(UUID id, int after) {
    return jdbc.sql(
            "select number, best, mean, median, diversity, cardinality(survivor_ids) as survivors,"
                + " evaluated, failed, completed_at from generation"
                + " where job_id = :id and number > :after order by number")
        .param("id", id)
        .param("after", after)
        .query(
            (rs, n) ->
                new GenerationView(
                    rs.getInt("number"),
                    rs.getObject("best", Double.class),
                    rs.getObject("mean", Double.class),
                    rs.getObject("median", Double.class),
                    rs.getObject("diversity", Double.class),
                    rs.getInt("survivors"),
                    rs.getInt("evaluated"),
                    rs.getInt("failed"),
                    rs.getTimestamp("completed_at").toInstant()))
        .list();
  }

  /** Open streams on this replica. */
  public int subscribers() {
    return open.get();
  }

  @Override
  public void start() {
    ScheduledExecutorService executor =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "search-events");
              t.setDaemon(true);
              return t;
            });
    executor.scheduleWithFixedDelay(
        () -> {
          try {
            poll();
          } catch (RuntimeException e) {
            log.warn("search event poll failed: {}", e.toString());
          }
        },
        pollInterval.toMillis(),
        pollInterval.toMillis(),
        TimeUnit.MILLISECONDS);
    poller = executor;
  }

  /** Closes every stream (before the web server's graceful shutdown waits for them). */
  @Override
  public void stop() {
    ScheduledExecutorService executor = poller;
    poller = null;
    if (executor != null) {
      executor.shutdownNow();
    }
    for (Subscriber s : List.copyOf(subscribers)) {
      release(s);
      try {
        s.emitter.complete();
      } catch (RuntimeException ignored) {
        // already completed
      }
    }
  }

  @Override
  public boolean isRunning() {
    return poller != null;
  }
}
