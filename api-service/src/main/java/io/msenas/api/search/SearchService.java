package io.msenas.api.search;

import io.msenas.api.search.SearchViews.ArchitectureView;
import io.msenas.api.search.SearchViews.CellView;
import io.msenas.api.search.SearchViews.FrontMember;
import io.msenas.api.search.SearchViews.GenerationView;
import io.msenas.api.search.SearchViews.GenomeView;
import io.msenas.api.search.SearchViews.IndividualDetail;
import io.msenas.api.search.SearchViews.IndividualSummary;
import io.msenas.api.search.SearchViews.LineageEdge;
import io.msenas.api.search.SearchViews.LineageNode;
import io.msenas.api.search.SearchViews.LineageView;
import io.msenas.api.search.SearchViews.PageView;
import io.msenas.api.search.SearchViews.ParentView;
import io.msenas.api.search.SearchViews.ParetoFrontView;
import io.msenas.api.search.SearchViews.Progress;
import io.msenas.api.search.SearchViews.SearchView;
import io.msenas.api.store.GenerationRepository;
import io.msenas.api.store.IndividualEntity;
import io.msenas.api.store.IndividualRepository;
import io.msenas.api.store.IndividualResults;
import io.msenas.api.store.IndividualRow;
import io.msenas.api.store.LineageEntity;
import io.msenas.api.store.LineageRepository;
import io.msenas.api.store.SearchJobEntity;
import io.msenas.api.store.SearchJobRepository;
import io.msenas.api.web.BadRequestException;
import io.msenas.api.web.ConflictException;
import io.msenas.api.web.IdempotencyKeys;
import io.msenas.api.web.NotFoundException;
import io.msenas.model.genome.CellGenes;
import io.msenas.model.genome.DecodedGenome;
import io.msenas.model.genome.Genome;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Submitting, cancelling and reading searches, scoped to a tenant (other tenants' jobs are "not
 * found").
 */
@Service
public class SearchService {

  /** Largest page a listing returns. */
  public static final int MAX_PAGE_SIZE = 500;

  /** Largest page number: at every size, the offset (page x size) fits JPA's int first result. */
  public static final int MAX_PAGE = Integer.MAX_VALUE / MAX_PAGE_SIZE;

  private static final Set<String> INDIVIDUAL_SORTS =
      Set.of("fitness", "-fitness", "generation", "-generation", "label", "-label");

  private final SearchJobRepository jobs;
  private final IndividualRepository individuals;
  private final LineageRepository lineage;
  private final GenerationRepository generations;
  private final SearchLifecycle lifecycle;
  private final JsonMapper json;
  private final Clock clock;
  private final TransactionTemplate transactions;
  private final IndividualResults results;

  SearchService(
      SearchJobRepository jobs,
      IndividualRepository individuals,
      LineageRepository lineage,
      GenerationRepository generations,
      SearchLifecycle lifecycle,
      JsonMapper json,
      Clock clock,
      TransactionTemplate transactions,
      IndividualResults results) {
    this.jobs = jobs;
    this.individuals = individuals;
    this.lineage = lineage;
    this.generations = generations;
    this.lifecycle = lifecycle;
    this.json = json;
    this.clock = clock;
    this.transactions = transactions;
    this.results = results;
  }

  /** A submitted search, and whether it was created now or found by its idempotency key. */
  public record Submission(SearchView search, boolean created) {}

  /**
   * Validates and stores a search and its generation 0. With an idempotency key, the same key and
   * body return the first job; the same key with another body is a conflict.
   */
  public Submission submit(String tenant, CreateSearchRequest request, String idempotencyKey) {
    // the key first, as for trainings and studies
    IdempotencyKeys.requireValid(idempotencyKey);
    SearchSpec spec = SearchSpecResolver.resolve(request);
    String requestHash = sha256(json.writeValueAsString(request));
    try {
      return transactions.execute(
          status -> {
            if (idempotencyKey != null) {
              var existing = jobs.findByTenantIdAndIdempotencyKey(tenant, idempotencyKey);
              if (existing.isPresent()) {
                return new Submission(
                    view(sameRequest(existing.get(), requestHash, idempotencyKey)), false);
              }
            }
            Instant now = clock.instant();
            SearchJobEntity created =
                new SearchJobEntity(
                    UUID.randomUUID(),
                    tenant,
                    idempotencyKey,
                    requestHash,
                    json.writeValueAsString(spec),
                    SearchStatus.QUEUED.name(),
                    spec.seed(),
                    spec.generations(),
                    spec.evaluationsTotal(),
                    now);
            // work on the managed instance that save returns
            SearchJobEntity job = jobs.saveAndFlush(created);
            lifecycle.start(job);
            return new Submission(view(job), true);
          });
    } catch (DataIntegrityViolationException race) {
      // another request with the same key committed first
      SearchJobEntity existing =
          jobs.findByTenantIdAndIdempotencyKey(tenant, idempotencyKey).orElseThrow(() -> race);
      return new Submission(view(sameRequest(existing, requestHash, idempotencyKey)), false);
    }
  }

  private static SearchJobEntity sameRequest(
      SearchJobEntity existing, String requestHash, String key) {
    if (!existing.getRequestHash().equals(requestHash)) {
      throw new ConflictException(
          "idempotency-key-reused",
          "Idempotency-Key '"
              + key
              + "' was used for search "
              + existing.getId()
              + " with a different body");
    }
    return existing;
  }

  /** Cancels a search that has not finished (idempotent for cancelled ones). */
  public SearchView cancel(String tenant, UUID id) {
    SearchJobEntity job = find(tenant, id);
    return view(lifecycle.cancel(job));
  }

  @Transactional(readOnly = true)
  public SearchView get(String tenant, UUID id) {
    return view(find(tenant, id));
  }

  @Transactional(readOnly = true)
  public PageView<SearchView> list(String tenant, List<SearchStatus> statuses, int page, int size) {
    PageRequest request = pageRequest(page, size, Sort.by(Sort.Direction.DESC, "createdAt"));
    // an empty value (?status=RUNNING&status=) binds as null: ignored, as a lone ?status= (or an
    // empty ?page= or ?size=) is
    List<String> names =
        statuses == null
            ? List.of()
            : statuses.stream().filter(Objects::nonNull).map(Enum::name).toList();
    Page<SearchJobEntity> result =
        names.isEmpty()
            ? jobs.findByTenantId(tenant, request)
            : jobs.findByTenantIdAndStatusIn(tenant, names, request);
    return page(result, this::view);
  }

  @Transactional(readOnly = true)
  public List<GenerationView> generations(String tenant, UUID id) {
    find(tenant, id);
    return generations.findByKeyJobIdOrderByKeyNumber(id).stream()
        .map(
            g ->
                new GenerationView(
                    g.getNumber(),
                    g.getBest(),
                    g.getMean(),
                    g.getMedian(),
                    g.getDiversity(),
                    g.getSurvivorIds().length,
                    g.getEvaluated(),
                    g.getFailed(),
                    g.getCompletedAt()))
        .toList();
  }

  @Transactional(readOnly = true)
  public PageView<IndividualSummary> individuals(
      String tenant, UUID id, int page, int size, String sort) {
    find(tenant, id);
    String key = sort == null ? "-fitness" : sort;
    if (!INDIVIDUAL_SORTS.contains(key)) {
      throw new BadRequestException("sort", sort, "must be one of " + INDIVIDUAL_SORTS);
    }
    boolean descending = key.startsWith("-");
    String property = descending ? key.substring(1) : key;
    Sort order =
        Sort.by(
            new Sort.Order(
                descending ? Sort.Direction.DESC : Sort.Direction.ASC,
                property,
                Sort.NullHandling.NULLS_LAST),
            Sort.Order.asc("generation"),
            Sort.Order.asc("label"));
    return page(
        individuals.findRowsByJobId(id, pageRequest(page, size, order)), SearchService::summary);
  }

  @Transactional(readOnly = true)
  public IndividualDetail individual(String tenant, UUID id, UUID individualId) {
    SearchJobEntity job = find(tenant, id);
    IndividualEntity row =
        individuals
            .findByIdAndJobId(individualId, id)
            .orElseThrow(() -> new NotFoundException("individual", individualId));
    return detail(job, row);
  }

  @Transactional(readOnly = true)
  public IndividualDetail winner(String tenant, UUID id) {
    SearchJobEntity job = find(tenant, id);
    if (job.getWinnerIndividualId() == null) {
      throw new ConflictException(
          "no-winner-yet",
          "search "
              + id
              + " is "
              + job.getStatus()
              + " and has no winner"
              + (SearchStatus.valueOf(job.getStatus()).isTerminal() ? "" : " yet"));
    }
    return detail(job, individuals.findById(job.getWinnerIndividualId()).orElseThrow());
  }

  @Transactional(readOnly = true)
  public LineageView lineage(String tenant, UUID id) {
    find(tenant, id);
    List<LineageNode> nodes =
        individuals.findRowsByJobId(id).stream()
            .sorted(
                (a, b) ->
                    a.getGeneration() != b.getGeneration()
                        ? Integer.compare(a.getGeneration(), b.getGeneration())
                        : a.getLabel().compareTo(b.getLabel()))
            .map(
                i ->
                    new LineageNode(
                        i.getId(), i.getLabel(), i.getGeneration(), i.getStatus(), i.getFitness()))
            .toList();
    List<LineageEdge> edges =
        lineage.findByJobId(id).stream()
            .map(l -> new LineageEdge(l.getChildId(), l.getParentId(), l.getOperator(), details(l)))
            .toList();
    return new LineageView(nodes, edges);
  }

  @Transactional(readOnly = true)
  public ParetoFrontView paretoFront(String tenant, UUID id) {
    SearchJobEntity job = find(tenant, id);
    int objectives = lifecycle.spec(job).evolutionSettings().objectives();
    return lifecycle
        .paretoFront(job)
        .map(
            front ->
                new ParetoFrontView(
                    front.getKey(),
                    objectives,
                    front.getValue().stream()
                        .map(
                            i ->
                                new FrontMember(
                                    i.getId(),
                                    i.getLabel(),
                                    i.getGeneration(),
                                    i.getFitness(),
                                    i.getCost(),
                                    i.getParameterCount(),
                                    i.getCanonicalHash()))
                        .toList()))
        .orElse(new ParetoFrontView(null, objectives, List.of()));
  }

  private SearchJobEntity find(String tenant, UUID id) {
    return jobs.findByIdAndTenantId(id, tenant)
        .orElseThrow(() -> new NotFoundException("search", id));
  }

  SearchView view(SearchJobEntity job) {
    SearchStatus status = SearchStatus.valueOf(job.getStatus());
    Instant now = clock.instant();
    Instant start = job.getStartedAt() == null ? job.getCreatedAt() : job.getStartedAt();
    Instant end = job.getFinishedAt() == null ? now : job.getFinishedAt();
    double elapsed = Math.max(0, Duration.between(start, end).toMillis() / 1000.0);
    Double eta = null;
    if (!status.isTerminal() && job.getEvaluationsDone() > 0) {
      double rate = job.getEvaluationsDone() / Math.max(elapsed, 1e-3);
      eta = Math.max(0, job.getEvaluationsTotal() - job.getEvaluationsDone()) / rate;
    }
    Progress progress =
        new Progress(
            job.getGeneration(),
            job.getGenerations(),
            job.getEvaluationsDone(),
            job.getEvaluationsTotal(),
            job.getEvaluationsFailed(),
            job.getBestFitness(),
            job.getBestIndividualId(),
            elapsed,
            eta);
    return new SearchView(
        job.getId(),
        status,
        lifecycle.spec(job),
        progress,
        job.getWinnerIndividualId(),
        job.getError(),
        job.getCreatedAt(),
        job.getStartedAt(),
        job.getFinishedAt());
  }

  private static IndividualSummary summary(IndividualRow i) {
    return new IndividualSummary(
        i.getId(),
        i.getLabel(),
        i.getGeneration(),
        i.getStatus(),
        i.getFitness(),
        i.getWidthNormalised(),
        i.getParameterCount(),
        i.getCanonicalHash());
  }

  private IndividualDetail detail(SearchJobEntity job, IndividualEntity row) {
    SearchSpec spec = lifecycle.spec(job);
    Genome genome = new Genome(row.getSearchSpaceVersion(), row.getGenes());
    DecodedGenome decoded = spec.searchSpace().decode(genome);
    List<CellView> cells = new ArrayList<>();
    for (CellGenes cell : decoded.cells()) {
      if (cell instanceof CellGenes.Normal normal) {
        cells.add(
            new CellView(cell.index(), "normal", normal.motif().name(), normal.kernelSizes()));
      } else {
        cells.add(new CellView(cell.index(), "reduction", null, List.of()));
      }
    }
    Map<String, Object> objectives = new LinkedHashMap<>();
    objectives.put("fitness", row.getFitness());
    objectives.put("widthNormalisedScore", row.getWidthNormalised());
    if (row.getCost() != null) {
      objectives.put("cost", row.getCost());
    }
    List<LineageEntity> links = lineage.findByChildIds(List.of(row.getId()));
    Map<java.util.UUID, String> labels =
        individuals
            .findRowsByIdIn(
                links.stream().map(LineageEntity::getParentId).collect(Collectors.toSet()))
            .stream()
            .collect(Collectors.toMap(IndividualRow::getId, IndividualRow::getLabel));
    List<ParentView> parents =
        links.stream()
            .map(
                l ->
                    new ParentView(
                        l.getParentId(), labels.get(l.getParentId()), l.getOperator(), details(l)))
            .toList();
    Object evaluation =
        results.find(row.getId()).map(r -> json.readValue(r, Object.class)).orElse(null);
    return new IndividualDetail(
        row.getId(),
        row.getLabel(),
        row.getGeneration(),
        row.getStatus(),
        row.getCanonicalHash(),
        new GenomeView(row.getSearchSpaceVersion(), row.getGenes()),
        new ArchitectureView(decoded.macroK(), cells),
        objectives,
        row.getParameterCount(),
        evaluation,
        row.getError(),
        parents,
        row.getCreatedAt(),
        row.getEvaluatedAt());
  }

  private Map<String, Object> details(LineageEntity link) {
    return json.readValue(link.getDetails(), new TypeReference<Map<String, Object>>() {});
  }

  private static PageRequest pageRequest(int page, int size, Sort sort) {
    if (page < 0 || page > MAX_PAGE) {
      throw new BadRequestException("page", page, "must be in [0, " + MAX_PAGE + "]");
    }
    if (size < 1 || size > MAX_PAGE_SIZE) {
      throw new BadRequestException("size", size, "must be in [1, " + MAX_PAGE_SIZE + "]");
    }
    return PageRequest.of(page, size, sort);
  }

  private static <E, T> PageView<T> page(Page<E> page, Function<E, T> mapper) {
    return new PageView<>(
        page.getContent().stream().map(mapper).toList(),
        page.getNumber(),
        page.getSize(),
        page.getTotalElements(),
        page.getTotalPages());
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
