package io.msenas.api.study;

import io.msenas.api.study.StudyViews.StudyView;
import io.msenas.api.web.RequestBodies;
import io.msenas.api.web.Tenants;
import java.net.URI;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The {@code /v1/studies} endpoints of openapi.yaml. */
@RestController
@RequestMapping(path = "/v1/studies")
class StudyController {

  private final StudyService studies;
  private final Tenants tenants;
  private final JsonMapper json;

  StudyController(StudyService studies, Tenants tenants, JsonMapper json) {
    this.studies = studies;
    this.tenants = tenants;
    this.json = json;
  }

  @PostMapping(
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<StudyView> submit(
      @RequestBody JsonNode body,
      @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
    CreateStudyRequest request = RequestBodies.bind(json, body, CreateStudyRequest.class);
    StudyService.Submission submission = studies.submit(tenants.current(), request, idempotencyKey);
    URI location = URI.create("/v1/studies/" + submission.study().id());
    return submission.created()
        ? ResponseEntity.created(location).body(submission.study())
        : ResponseEntity.ok().location(location).body(submission.study());
  }

  @GetMapping(path = "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
  StudyView get(@PathVariable UUID id) {
    return studies.get(tenants.current(), id);
  }

  @PostMapping(path = "/{id}/cancel", produces = MediaType.APPLICATION_JSON_VALUE)
  StudyView cancel(@PathVariable UUID id) {
    return studies.cancel(tenants.current(), id);
  }
}
