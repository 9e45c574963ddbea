package io.msenas.cli.study;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class StudyReportTest {

  private static JsonNode study(
      double hamming, double low, double params, double paramsLow, double paramsHigh) {
    String row =
        "{\"predictor\":\"%s\",\"kind\":\"%s\",\"n\":30,\"kendallTau\":{\"value\":%s,\"low\":%s,\"high\":%s},"
            + "\"spearmanRho\":{\"value\":%s,\"low\":%s,\"high\":%s}}";
    String text =
        "{\"id\":\"s\",\"status\":\"SUCCEEDED\",\"progress\":{\"succeeded\":30,\"architectures\":30},"
            + "\"correlations\":["
            + String.format(
                row,
                "rdm-hamming",
                "fitness",
                hamming,
                low,
                hamming + 0.1,
                hamming,
                low,
                hamming + 0.1)
            + ","
            + String.format(
                row,
                "parameterCount",
                "baseline",
                params,
                paramsLow,
                paramsHigh,
                params,
                paramsLow,
                paramsHigh)
            + "]}";
    return JsonMapper.builder().build().readTree(text);
  }

  @Test
  void aScoreAboveEveryBaselineWithAClearIntervalIsSaidToBeatThem() {
    assertThat(StudyReport.verdict(study(0.5, 0.35, 0.1, -0.1, 0.3)))
        .contains("ranks better than the best naive baseline, parameterCount")
        .contains("its interval lies above");
    assertThat(StudyReport.verdict(study(0.5, 0.2, 0.1, -0.1, 0.3))).contains("intervals overlap");
  }

  @Test
  void aStronglyNegativeBaselineCountsByItsSize() {
    // fewer parameters, better accuracy, tau -0.6: a better predictor than a score at 0.4
    assertThat(StudyReport.verdict(study(0.4, 0.2, -0.6, -0.75, -0.45)))
        .contains("does NOT beat the naive baseline parameterCount");
  }

  @Test
  void theTableListsEveryRowWithItsInterval() {
    String table = StudyReport.table(study(0.5, 0.35, 0.1, -0.1, 0.3));
    assertThat(table)
        .contains("study s SUCCEEDED: 30 of 30 architectures trained")
        .contains("rdm-hamming          fitness     30  +0.500 [+0.350, +0.600]")
        .contains("parameterCount       baseline    30  +0.100 [-0.100, +0.300]");
  }
}
