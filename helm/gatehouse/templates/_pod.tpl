{{/*
The pod template shared by the four components. ctx: dict "root" $ "component" name "values" (index .Values name)
*/}}
{{- define "gatehouse.secretEnv" -}}
{{- $secret := include "gatehouse.secretName" .root -}}
{{- if $secret }}
- name: {{ .name }}
  valueFrom:
    secretKeyRef:
      name: {{ $secret }}
      key: {{ index .root.Values.secrets.keys .key }}
      optional: true
{{- end }}
{{- end -}}

{{- define "gatehouse.podTemplate" -}}
{{- $root := .root -}}
{{- $c := .component -}}
{{- $v := .values -}}
{{- $isGateway := eq $c "gateway" -}}
{{- $cfg := mergeOverwrite (deepCopy ($root.Values.config | default dict)) ($v.config | default dict) -}}
metadata:
  labels:
    {{- include "gatehouse.selectorLabels" . | nindent 4 }}
    gatehouse.io/job: gatehouse-{{ $c }}
    {{- with $v.podLabels }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
  annotations:
    checksum/config: {{ toYaml $cfg | sha256sum }}
    {{- if $root.Values.metrics.podAnnotations }}
    prometheus.io/scrape: "true"
    prometheus.io/port: {{ $v.ports.admin | quote }}
    prometheus.io/path: /actuator/prometheus
    {{- end }}
    {{- with $v.podAnnotations }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
spec:
  serviceAccountName: {{ include "gatehouse.serviceAccountName" $root }}
  automountServiceAccountToken: {{ $root.Values.serviceAccount.automountServiceAccountToken }}
  {{- include "gatehouse.imagePullSecrets" $root | nindent 2 }}
  {{- include "gatehouse.podSecurityContext" $root | nindent 2 }}
  terminationGracePeriodSeconds: {{ $v.terminationGracePeriodSeconds }}
  {{- if and $isGateway $v.hostNetwork }}
  hostNetwork: true
  dnsPolicy: ClusterFirstWithHostNet
  {{- end }}
  {{- with $v.priorityClassName }}
  priorityClassName: {{ . }}
  {{- end }}
  {{- with $v.nodeSelector }}
  nodeSelector:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- with $v.tolerations }}
  tolerations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- if not (and $isGateway (eq $v.kind "DaemonSet")) }}
  {{- include "gatehouse.affinity" . | nindent 2 }}
  {{- end }}
  {{- with $v.topologySpreadConstraints }}
  topologySpreadConstraints:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  containers:
    - name: {{ $c }}
      image: {{ include "gatehouse.image" . }}
      imagePullPolicy: {{ $root.Values.image.pullPolicy }}
      {{- include "gatehouse.containerSecurityContext" $root | nindent 6 }}
      env:
        - name: GATEHOUSE_ADMIN_PORT
          value: {{ $v.ports.admin | quote }}
        - name: GATEHOUSE_DATA_DIR
          value: {{ $root.Values.dataDir | quote }}
        - name: JAVA_TOOL_OPTIONS
          value: {{ printf "-XX:+UseG1GC -XX:MaxRAMPercentage=%v -XX:+ExitOnOutOfMemoryError -Xss512k %s" $v.jvm.maxRamPercentage $v.jvm.extraOpts | trim | quote }}
        - name: SPRING_LIFECYCLE_TIMEOUT_PER_SHUTDOWN_PHASE
          value: {{ $v.drain.shutdownPhaseTimeout | quote }}
        - name: SPRING_CONFIG_ADDITIONAL_LOCATION
          value: optional:file:/etc/gatehouse/config/
        {{- if $isGateway }}
        - name: GATEHOUSE_FIVEM_PORT
          value: {{ $v.ports.fivem | quote }}
        - name: GATEHOUSE_HYTALE_PORT
          value: {{ $v.ports.hytale | quote }}
        - name: GATEHOUSE_HYTALE_ENABLED
          value: {{ $v.hytale.enabled | quote }}
        - name: GATEHOUSE_SERVICES_SESSION_TARGET
          value: {{ include "gatehouse.grpcTarget" (dict "root" $root "component" "session") | quote }}
        - name: GATEHOUSE_SERVICES_AUTH_TARGET
          value: {{ include "gatehouse.grpcTarget" (dict "root" $root "component" "auth") | quote }}
        - name: GATEHOUSE_SERVICES_WORLD_TARGET
          value: {{ include "gatehouse.grpcTarget" (dict "root" $root "component" "world") | quote }}
        - name: GATEHOUSE_HYTALE_AUTH_MODE
          value: {{ $root.Values.auth.hytale.authMode | quote }}
        - name: GATEHOUSE_FIVEM_LAN
          value: {{ $root.Values.auth.fivem.lan | quote }}
        {{- include "gatehouse.secretEnv" (dict "root" $root "name" "GATEHOUSE_FIVEM_TICKET_PUBLIC_KEY" "key" "cfxTicketPublicKey") | nindent 8 }}
        {{- else }}
        - name: GATEHOUSE_GRPC_PORT
          value: {{ $v.ports.grpc | quote }}
        - name: GATEHOUSE_GRPC_BIND_ADDRESS
          value: 0.0.0.0
        {{- end }}
        {{- if or (eq $c "auth") (eq $c "world") }}
        - name: GATEHOUSE_SERVICES_SESSION_TARGET
          value: {{ include "gatehouse.grpcTarget" (dict "root" $root "component" "session") | quote }}
        {{- end }}
        {{- if eq $c "session" }}
        {{- include "gatehouse.redis.env" $root | nindent 8 }}
        {{- end }}
        {{- if eq $c "auth" }}
        - name: GATEHOUSE_HYTALE_AUTH_MODE
          value: {{ $v.hytale.authMode | quote }}
        - name: GATEHOUSE_HYTALE_SESSION_SERVICE_URL
          value: {{ $v.hytale.sessionServiceUrl | quote }}
        - name: GATEHOUSE_FIVEM_LAN
          value: {{ $v.fivem.lan | quote }}
        {{- with $v.fivem.serverId }}
        - name: GATEHOUSE_FIVEM_SERVER_ID
          value: {{ . | quote }}
        {{- end }}
        {{- include "gatehouse.secretEnv" (dict "root" $root "name" "GATEHOUSE_HYTALE_PASSWORD" "key" "hytalePassword") | nindent 8 }}
        {{- include "gatehouse.secretEnv" (dict "root" $root "name" "HYTALE_SERVER_SESSION_TOKEN" "key" "hytaleSessionToken") | nindent 8 }}
        {{- include "gatehouse.secretEnv" (dict "root" $root "name" "HYTALE_SERVER_IDENTITY_TOKEN" "key" "hytaleIdentityToken") | nindent 8 }}
        {{- include "gatehouse.secretEnv" (dict "root" $root "name" "HYTALE_SERVER_OAUTH_ACCESS_TOKEN" "key" "hytaleOauthAccessToken") | nindent 8 }}
        {{- include "gatehouse.secretEnv" (dict "root" $root "name" "HYTALE_SERVER_AUDIENCE" "key" "hytaleAudience") | nindent 8 }}
        {{- include "gatehouse.secretEnv" (dict "root" $root "name" "GATEHOUSE_FIVEM_TICKET_PUBLIC_KEY" "key" "cfxTicketPublicKey") | nindent 8 }}
        {{- end }}
        {{- if eq $c "world" }}
        - name: GATEHOUSE_WORLD_ASSETS_DIR
          value: {{ printf "%s/assets" $v.content.mountPath | quote }}
        - name: GATEHOUSE_WORLD_RESOURCES_DIR
          value: {{ printf "%s/resources" $v.content.mountPath | quote }}
        {{- end }}
        {{- if $root.Values.tls.enabled }}
        # Mutual TLS between services (service-support's GrpcServerLifecycle and GrpcChannels).
        - name: GATEHOUSE_GRPC_TLS_ENABLED
          value: "true"
        - name: GATEHOUSE_GRPC_TLS_CERTIFICATE
          value: {{ printf "%s/tls.crt" $root.Values.tls.mountPath | quote }}
        - name: GATEHOUSE_GRPC_TLS_PRIVATE_KEY
          value: {{ printf "%s/tls.key" $root.Values.tls.mountPath | quote }}
        - name: GATEHOUSE_GRPC_TLS_TRUST_CERTIFICATES
          value: {{ printf "%s/ca.crt" $root.Values.tls.mountPath | quote }}
        {{- end }}
        {{- with $root.Values.extraEnv }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
        {{- with $v.extraEnv }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
      ports:
        {{- if $isGateway }}
        - name: fivem-tcp
          containerPort: {{ $v.ports.fivem }}
          protocol: TCP
          {{- if $v.hostNetwork }}
          hostPort: {{ $v.ports.fivem }}
          {{- end }}
        - name: fivem-udp
          containerPort: {{ $v.ports.fivem }}
          protocol: UDP
          {{- if $v.hostNetwork }}
          hostPort: {{ $v.ports.fivem }}
          {{- end }}
        - name: hytale
          containerPort: {{ $v.ports.hytale }}
          protocol: UDP
          {{- if $v.hostNetwork }}
          hostPort: {{ $v.ports.hytale }}
          {{- end }}
        {{- else }}
        - name: grpc
          containerPort: {{ $v.ports.grpc }}
          protocol: TCP
        {{- end }}
        - name: admin
          containerPort: {{ $v.ports.admin }}
          protocol: TCP
      startupProbe:
        httpGet: {path: /actuator/health/liveness, port: admin}
        {{- toYaml $v.startupProbe | nindent 8 }}
      livenessProbe:
        httpGet: {path: /actuator/health/liveness, port: admin}
        {{- toYaml $v.livenessProbe | nindent 8 }}
      readinessProbe:
        httpGet: {path: /actuator/health/readiness, port: admin}
        {{- toYaml $v.readinessProbe | nindent 8 }}
      lifecycle:
        preStop:
          # Readiness and endpoint removal happen first; the sleep lets load balancers and kube-proxy stop sending
          # new players before SIGTERM starts Spring's graceful shutdown (listeners stop, players told and released).
          exec:
            command: ["sleep", {{ $v.drain.preStopSleepSeconds | quote }}]
      {{- with $v.resources }}
      resources:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      volumeMounts:
        - name: data
          mountPath: {{ $root.Values.dataDir }}
        - name: tmp
          mountPath: /tmp
        - name: config
          mountPath: /etc/gatehouse/config
          readOnly: true
        {{- if $root.Values.tls.enabled }}
        - name: tls
          mountPath: {{ $root.Values.tls.mountPath }}
          readOnly: true
        {{- end }}
        {{- if and (eq $c "world") $v.content.volume }}
        - name: world-content
          mountPath: {{ $v.content.mountPath }}
          readOnly: true
        {{- end }}
  volumes:
    - name: data
      emptyDir: {}
    - name: tmp
      emptyDir: {}
    - name: config
      configMap:
        name: {{ include "gatehouse.componentName" . }}-config
    {{- if $root.Values.tls.enabled }}
    - name: tls
      secret:
        secretName: {{ $root.Values.tls.existingSecret }}
        defaultMode: 0440
    {{- end }}
    {{- if and (eq $c "world") $v.content.volume }}
    - name: world-content
      {{- toYaml $v.content.volume | nindent 6 }}
    {{- end }}
{{- end -}}
