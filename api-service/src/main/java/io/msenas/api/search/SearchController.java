package io.msenas.api.search;

import io.msenas.api.search.SearchViews.GenerationView;
import io.msenas.api.search.SearchViews.IndividualDetail;
import io.msenas.api.search.SearchViews.IndividualSummary;
import io.msenas.api.search.SearchViews.LineageView;
import io.msenas.api.search.SearchViews.PageView;
import io.msenas.api.search.SearchViews.ParetoFrontView;
import io.msenas.api.search.SearchViews.SearchView;
import io.msenas.api.web.RequestBodies;
import io.msenas.api.web.Tenants;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The {@code /v1/searches} endpoints of openapi.yaml. */
@RestController
@RequestMapping(path = "/v1/searches", produces = MediaType.APPLICATION_JSON_VALUE)
class SearchController {

  private final SearchService searches;
  private final Tenants tenants;
  private final JsonMapper json;
  private final SearchEvents events;

  SearchController(SearchService searches, Tenants tenants, JsonMapper json, SearchEvents events) {
    this.searches = searches;
    this.tenants = tenants;
    this.json = json;
    this.events = events;
  }

  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<SearchView> submit(
      @RequestBody JsonNode body,
      @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
    CreateSearchRequest request = RequestBodies.bind(json, body, CreateSearchRequest.class);
    SearchService.Submission submission =
        searches.submit(tenants.current(), request, idempotencyKey);
    URI location = URI.create("/v1/searches/" + submission.search().id());
    return submission.created()
        ? ResponseEntity.created(location).body(submission.search())
        : ResponseEntity.ok().location(location).body(submission.search());
  }

  @GetMapping
  PageView<SearchView> list(
      @RequestParam(required = false) List<SearchStatus> status,
      @RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "20") int size) {
    return searches.list(tenants.current(), status, page, size);
  }

  @GetMapping("/{id}")
  SearchView get(@PathVariable UUID id) {
    return searches.get(tenants.current(), id);
  }

  @PostMapping("/{id}/cancel")
  SearchView cancel(@PathVariable UUID id) {
    return searches.cancel(tenants.current(), id);
  }

  @GetMapping(path = "/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
  SseEmitter events(@PathVariable UUID id) {
    return events.subscribe(tenants.current(), id);
  }

  @GetMapping("/{id}/generations")
  List<GenerationView> generations(@PathVariable UUID id) {
    return searches.generations(tenants.current(), id);
  }

  @GetMapping("/{id}/individuals")
  PageView<IndividualSummary> individuals(
      @PathVariable UUID id,
      @RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "50") int size,
      @RequestParam(required = false) String sort) {
    return searches.individuals(tenants.current(), id, page, size, sort);
  }

  @GetMapping("/{id}/individuals/{individualId}")
  IndividualDetail individual(@PathVariable UUID id, @PathVariable UUID individualId) {
    return searches.individual(tenants.current(), id, individualId);
  }

  @GetMapping("/{id}/lineage")
  LineageView lineage(@PathVariable UUID id) {
    return searches.lineage(tenants.current(), id);
  }

  @GetMapping("/{id}/winner")
  IndividualDetail winner(@PathVariable UUID id) {
    return searches.winner(tenants.current(), id);
  }

  @GetMapping("/{id}/pareto-front")
  ParetoFrontView paretoFront(@PathVariable UUID id) {
    return searches.paretoFront(tenants.current(), id);
  }
}
