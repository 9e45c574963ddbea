{{/*
The release's name prefix: "<release>-mse-nas", or the release name where it says mse-nas; at most
40 characters, so that "-postgresql" StatefulSets stay within Kubernetes' 52.
*/}}
{{- define "mse-nas.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 40 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 40 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "mse-nas.labels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{/* Selector labels of one component: include "mse-nas.selector" (list . "api") */}}
{{- define "mse-nas.selector" -}}
{{- $root := index . 0 -}}
app.kubernetes.io/name: {{ $root.Chart.Name }}
app.kubernetes.io/instance: {{ $root.Release.Name }}
app.kubernetes.io/component: {{ index . 1 }}
{{- end -}}

{{- define "mse-nas.image" -}}
{{- $root := index . 0 -}}
{{- printf "%s%s:%s" $root.Values.image.registry (index . 1) $root.Values.image.tag -}}
{{- end -}}

{{- define "mse-nas.databaseHost" -}}
{{- if .Values.database.host -}}
{{- .Values.database.host -}}
{{- else if .Values.postgresql.enabled -}}
{{- printf "%s-postgresql" (include "mse-nas.fullname" .) -}}
{{- else -}}
{{- fail "set database.host, or postgresql.enabled for the bundled PostgreSQL" -}}
{{- end -}}
{{- end -}}

{{- define "mse-nas.messagingHost" -}}
{{- if .Values.messaging.host -}}
{{- .Values.messaging.host -}}
{{- else if .Values.rabbitmq.enabled -}}
{{- printf "%s-rabbitmq" (include "mse-nas.fullname" .) -}}
{{- else -}}
{{- fail "set messaging.host, or rabbitmq.enabled for the bundled RabbitMQ" -}}
{{- end -}}
{{- end -}}

{{- define "mse-nas.databaseSecret" -}}
{{- default (include "mse-nas.fullname" .) .Values.database.existingSecret -}}
{{- end -}}

{{- define "mse-nas.messagingSecret" -}}
{{- default (include "mse-nas.fullname" .) .Values.messaging.existingSecret -}}
{{- end -}}

{{/* The broker's environment, the same for both services (their MSE_NAS_RABBITMQ_* variables). */}}
{{- define "mse-nas.messagingEnv" -}}
- name: MSE_NAS_RABBITMQ_HOST
  value: {{ include "mse-nas.messagingHost" . | quote }}
- name: MSE_NAS_RABBITMQ_PORT
  value: {{ .Values.messaging.port | quote }}
- name: MSE_NAS_RABBITMQ_USER
  value: {{ .Values.messaging.user | quote }}
- name: MSE_NAS_RABBITMQ_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ include "mse-nas.messagingSecret" . }}
      key: rabbitmq-password
- name: MSE_NAS_MESSAGING_QUORUM_QUEUES
  value: {{ .Values.messaging.quorumQueues | quote }}
{{- end -}}

{{/* Readiness, liveness and start-up probes on Spring Boot's health groups. */}}
{{/* The services' container security: no privileges to gain, no capabilities. */}}
{{- define "mse-nas.containerSecurity" -}}
securityContext:
  allowPrivilegeEscalation: false
  capabilities:
    drop: ["ALL"]
{{- end -}}

{{/* Pod security of the services, whose images run as user 10001. */}}
{{- define "mse-nas.podSecurity" -}}
securityContext:
  runAsNonRoot: true
  runAsUser: 10001
  seccompProfile:
    type: RuntimeDefault
{{- end -}}

{{- define "mse-nas.probes" -}}
startupProbe:
  httpGet:
    path: /actuator/health/liveness
    port: http
  periodSeconds: 5
  failureThreshold: 60
readinessProbe:
  httpGet:
    path: /actuator/health/readiness
    port: http
  periodSeconds: 10
  timeoutSeconds: 5
livenessProbe:
  httpGet:
    path: /actuator/health/liveness
    port: http
  periodSeconds: 20
  # a worker's cores are busy with ND4J: give the actuator time before counting a failure
  timeoutSeconds: 5
  failureThreshold: 3
{{- end -}}
