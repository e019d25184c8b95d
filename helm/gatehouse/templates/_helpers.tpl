{{/* vim: set filetype=mustache: */}}
{{/* Chart name. */}}
{{- define "gatehouse.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Release-based prefix of every object name. */}}
{{- define "gatehouse.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 50 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 50 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 50 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{- define "gatehouse.namespace" -}}
{{- default .Release.Namespace .Values.namespaceOverride -}}
{{- end -}}

{{/* Name of a component's objects: <fullname>-<component>. ctx: dict root component */}}
{{- define "gatehouse.componentName" -}}
{{- printf "%s-%s" (include "gatehouse.fullname" .root) .component -}}
{{- end -}}

{{- define "gatehouse.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Selector labels of a component. ctx: dict root component */}}
{{- define "gatehouse.selectorLabels" -}}
app.kubernetes.io/name: {{ include "gatehouse.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{/* Labels of a component's objects. ctx: dict root component */}}
{{- define "gatehouse.labels" -}}
{{ include "gatehouse.selectorLabels" . }}
app.kubernetes.io/part-of: gatehouse
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
helm.sh/chart: {{ include "gatehouse.chart" .root }}
{{- with .root.Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{/* Labels of objects that belong to no single component. */}}
{{- define "gatehouse.commonLabels" -}}
app.kubernetes.io/name: {{ include "gatehouse.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/part-of: gatehouse
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ include "gatehouse.chart" . }}
{{- with .Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{- define "gatehouse.annotations" -}}
{{- with .Values.commonAnnotations }}
annotations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end -}}

{{/* Image of a component. ctx: dict root component */}}
{{- define "gatehouse.image" -}}
{{- $img := .root.Values.image -}}
{{- $registry := default $img.registry .root.Values.global.imageRegistry -}}
{{- $repo := (index .root.Values .component).image.repository -}}
{{- $ref := printf "%s/%s" $registry $repo | trimPrefix "/" -}}
{{- if $img.digest -}}
{{- printf "%s@%s" $ref $img.digest -}}
{{- else -}}
{{- printf "%s:%s" $ref (default .root.Chart.AppVersion $img.tag) -}}
{{- end -}}
{{- end -}}

{{- define "gatehouse.imagePullSecrets" -}}
{{- $secrets := concat (.Values.global.imagePullSecrets | default list) (.Values.image.pullSecrets | default list) | uniq -}}
{{- if $secrets }}
imagePullSecrets:
{{- range $secrets }}
  - name: {{ . }}
{{- end }}
{{- end }}
{{- end -}}

{{- define "gatehouse.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "gatehouse.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/* Secret holding the Gatehouse secrets (existing or chart-created); empty when there is none. */}}
{{- define "gatehouse.secretName" -}}
{{- if .Values.secrets.existingSecret -}}
{{- .Values.secrets.existingSecret -}}
{{- else if include "gatehouse.createSecret" . -}}
{{- printf "%s-secrets" (include "gatehouse.fullname" .) -}}
{{- end -}}
{{- end -}}

{{- define "gatehouse.createSecret" -}}
{{- if not .Values.secrets.existingSecret -}}
{{- range $k, $v := .Values.secrets.values -}}{{- if $v -}}true{{- end -}}{{- end -}}
{{- end -}}
{{- end -}}

{{/* Redis: the secret and key of the URL, or the plain URL. */}}
{{- define "gatehouse.redis.passwordSecret" -}}
{{- if .Values.redis.bundled.auth.existingSecret -}}
{{- .Values.redis.bundled.auth.existingSecret -}}
{{- else -}}
{{- printf "%s-redis" (include "gatehouse.fullname" .) -}}
{{- end -}}
{{- end -}}

{{/* Environment of the session registry's store. */}}
{{- define "gatehouse.redis.env" -}}
{{- $r := .Values.redis -}}
{{- if $r.bundled.enabled }}
{{- if $r.bundled.auth.enabled }}
- name: GATEHOUSE_REDIS_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ include "gatehouse.redis.passwordSecret" . }}
      key: {{ $r.bundled.auth.existingSecretPasswordKey }}
- name: GATEHOUSE_REDIS_URL
  value: "redis://:$(GATEHOUSE_REDIS_PASSWORD)@{{ include "gatehouse.fullname" . }}-redis:6379/0"
{{- else }}
- name: GATEHOUSE_REDIS_URL
  value: "redis://{{ include "gatehouse.fullname" . }}-redis:6379/0"
{{- end }}
{{- else if $r.external.existingSecret }}
- name: GATEHOUSE_REDIS_URL
  valueFrom:
    secretKeyRef:
      name: {{ $r.external.existingSecret }}
      key: {{ $r.external.existingSecretUrlKey }}
{{- else if $r.external.url }}
- name: GATEHOUSE_REDIS_URL
  value: {{ $r.external.url | quote }}
{{- end }}
{{- end -}}

{{/* Validation of values that a schema cannot express. */}}
{{- define "gatehouse.validate" -}}
{{- $r := .Values.redis -}}
{{- if and (not $r.bundled.enabled) (not $r.external.url) (not $r.external.existingSecret) (not $r.allowInMemory) -}}
{{- fail "redis: set redis.external.url, redis.external.existingSecret or redis.bundled.enabled=true (or redis.allowInMemory=true for a single in-memory session registry)" -}}
{{- end -}}
{{- if and $r.external.url (regexMatch "^rediss?://[^/]*@" $r.external.url) -}}
{{- fail "redis.external.url must not carry credentials: put the whole URL in a Secret (redis.external.existingSecret)" -}}
{{- end -}}
{{- if and $r.allowInMemory (not $r.bundled.enabled) (not $r.external.url) (not $r.external.existingSecret) (or (gt (int .Values.session.replicaCount) 1) .Values.session.autoscaling.enabled) -}}
{{- fail "redis.allowInMemory: in-memory sessions need exactly one session replica (session.replicaCount=1, no autoscaling)" -}}
{{- end -}}
{{- if and .Values.gateway.hostNetwork (ne .Values.gateway.kind "DaemonSet") -}}
{{- fail "gateway.hostNetwork needs gateway.kind=DaemonSet (one gateway per node owns the node's ports)" -}}
{{- end -}}
{{- if and .Values.gateway.hostNetwork .Values.networkPolicy.enabled (empty .Values.networkPolicy.hostNetworkGatewayCIDRs) -}}
{{- fail "gateway.hostNetwork with networkPolicy.enabled: set networkPolicy.hostNetworkGatewayCIDRs (the node CIDRs), pod selectors cannot match hostNetwork pods" -}}
{{- end -}}
{{- if and .Values.tls.enabled (not .Values.tls.existingSecret) -}}
{{- fail "tls.enabled needs tls.existingSecret (a kubernetes.io/tls Secret with ca.crt)" -}}
{{- end -}}
{{- range $c := list "gateway" "session" "auth" "world" -}}
{{- $v := index $.Values $c -}}
{{- $phase := int (trimSuffix "s" (toString $v.drain.shutdownPhaseTimeout)) -}}
{{- if le (int $v.terminationGracePeriodSeconds) (add (int $v.drain.preStopSleepSeconds) $phase) -}}
{{- fail (printf "%s.terminationGracePeriodSeconds (%v) must exceed drain.preStopSleepSeconds + drain.shutdownPhaseTimeout (%v + %v)" $c $v.terminationGracePeriodSeconds $v.drain.preStopSleepSeconds $phase) -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* gRPC target of a service for the clients: dns:/// so round_robin sees every pod of a headless Service. */}}
{{- define "gatehouse.grpcTarget" -}}
{{- $port := (index .root.Values .component).ports.grpc -}}
{{- printf "dns:///%s:%v" (include "gatehouse.componentName" .) $port -}}
{{- end -}}

{{/* Pod-level security context (without the chart's "enabled" switch). */}}
{{- define "gatehouse.podSecurityContext" -}}
{{- if .Values.podSecurityContext.enabled }}
securityContext:
  {{- omit .Values.podSecurityContext "enabled" | toYaml | nindent 2 }}
{{- end }}
{{- end -}}

{{- define "gatehouse.containerSecurityContext" -}}
{{- if .Values.containerSecurityContext.enabled }}
securityContext:
  {{- omit .Values.containerSecurityContext "enabled" | toYaml | nindent 2 }}
{{- end }}
{{- end -}}

{{/* Anti-affinity preset. ctx: dict root component values */}}
{{- define "gatehouse.affinity" -}}
{{- if .values.affinity }}
affinity:
  {{- toYaml .values.affinity | nindent 2 }}
{{- else if eq .values.podAntiAffinityPreset "soft" }}
affinity:
  podAntiAffinity:
    preferredDuringSchedulingIgnoredDuringExecution:
      - weight: 100
        podAffinityTerm:
          topologyKey: kubernetes.io/hostname
          labelSelector:
            matchLabels:
              {{- include "gatehouse.selectorLabels" . | nindent 14 }}
{{- else if eq .values.podAntiAffinityPreset "hard" }}
affinity:
  podAntiAffinity:
    requiredDuringSchedulingIgnoredDuringExecution:
      - topologyKey: kubernetes.io/hostname
        labelSelector:
          matchLabels:
            {{- include "gatehouse.selectorLabels" . | nindent 12 }}
{{- end }}
{{- end -}}
