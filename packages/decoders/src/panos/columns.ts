/**
 * PAN-OS syslog column layouts, one list per log type, for the columns after the common
 * prefix (`FUTURE_USE, Receive Time, Serial, Type, Subtype, FUTURE_USE, Generated Time`).
 *
 * Names are the `panw.panos.*` names Elastic's `panw` integration uses. Notation:
 * - `name`  → kept under `panw.panos.<name>`;
 * - `~name` → read by the mapper (ECS) but not kept under `panw.panos` (Elastic's `_temp_`);
 * - `-`     → FUTURE_USE, ignored.
 * Columns follow the newest documented layout (PAN-OS 10.2–11.x); older firmware sends fewer
 * columns, newer firmware more (kept as `panw.panos.trailing_columns`).
 */

const SRC_DEVICE = ['src.category', 'src.profile', 'src.model', 'src.vendor', 'src.os.family', 'src.os.version', 'src.host', 'src.mac'];
const DST_DEVICE = ['dst.category', 'dst.profile', 'dst.model', 'dst.vendor', 'dst.os.family', 'dst.os.version', 'dst.host', 'dst.mac'];
const DG = ['device_group_hierarchy1', 'device_group_hierarchy2', 'device_group_hierarchy3', 'device_group_hierarchy4'];
const APP_ATTRS = [
  'application.sub_category', 'application.category', 'application.technology', 'application.risk_level',
  'application.characteristics', 'application.container',
];
const SESSION_HEAD = [
  'source.ip', 'destination.ip', 'source.nat.ip', 'destination.nat.ip', 'ruleset', '~srcuser', '~dstuser',
  'network.application', 'virtual_sys', 'source.zone', 'destination.zone', 'inbound_interface', 'outbound_interface',
  'log_profile',
];
const PORTS = ['flow_id', 'repeat_count', 'source.port', 'destination.port', 'source.nat.port', 'destination.nat.port', '~labels', 'protocol', 'action'];

export const TRAFFIC_COLUMNS: readonly string[] = [
  ...SESSION_HEAD, '-', ...PORTS,
  'network.bytes', 'bytes_sent', 'bytes_received', 'network.packets', 'start_time', 'elapsed_time', 'url.category', '-',
  'sequence_number', 'action_flags', '~srcloc', '~dstloc', '-', 'packets_sent', 'packets_received', 'endreason', ...DG,
  'vsys_name', 'device_name', 'action_source', 'source_vm_uuid', 'destination_vm_uuid', 'imsi', 'imei',
  'parent_session.id', 'parent_session.start_time', 'tunnel_type', 'sctp.assoc_id', 'sctp.chunks', 'sctp.chunks_sent',
  'sctp.chunks_received', 'rule_uuid', 'http2_connection', 'link.change_count', 'policy.id', 'link.switches',
  'sdwan.cluster.name', 'sdwan.device_type', 'sdwan.cluster.type', 'sdwan.site', 'dynamic_user.group.name', 'xff.ip',
  ...SRC_DEVICE, ...DST_DEVICE, 'container.id', 'pod.namespace', 'pod.name', 'src.external_dynamic_list',
  'dst.external_dynamic_list', 'host.id', 'serial_number', 'src.dynamic_address_group', 'dst.dynamic_address_group',
  'session.owner', '~high_res_timestamp', 'nsdsai_sst', 'nsdsai_sd', ...APP_ATTRS, 'application.tunneled',
  'application.is_saas', 'application.is_sanctioned', 'is_offloaded',
];

export const THREAT_COLUMNS: readonly string[] = [
  ...SESSION_HEAD, '~logged_time', ...PORTS,
  'misc', 'threat.name', 'url.category', 'severity', '~direction', 'sequence_number', 'action_flags', '~srcloc', '~dstloc',
  '-', 'http_content_type', 'network.pcap_id', 'file.hash', 'wildfire.name', 'url_idx', '~user_agent', 'file.type',
  '~forwarded_ip', 'referrer', 'sender', 'subject', 'recipient', 'wildfire.report_id', ...DG, 'vsys_name', 'device_name',
  '-', 'source_vm_uuid', 'destination_vm_uuid', 'http_method', 'imsi', 'imei', 'parent_session.id',
  'parent_session.start_time', 'tunnel_type', 'threat_category', 'content_version', '-', 'sctp.assoc_id',
  'payload_protocol_id', 'http_headers', 'url_category_list', 'rule_uuid', 'http2_connection', 'dynamic_user.group.name',
  'xff.ip', ...SRC_DEVICE, ...DST_DEVICE, 'container.id', 'pod.namespace', 'pod.name', 'src.external_dynamic_list',
  'dst.external_dynamic_list', 'host.id', 'serial_number', 'domain_edl', 'src.dynamic_address_group',
  'dst.dynamic_address_group', 'partial_hash', '~high_res_timestamp', 'reason', 'justification', 'nssai_sst',
  ...APP_ATTRS, 'application.tunneled', 'application.is_saas', 'application.is_sanctioned', 'cloud_report.id',
];

export const SYSTEM_COLUMNS: readonly string[] = [
  'virtual_sys', 'event.id', 'object.id', '-', '-', 'module', 'severity', 'description', 'sequence_number', 'action_flags',
  ...DG, 'vsys_name', 'device_name', '-', '-', '~high_res_timestamp',
];

export const CONFIG_COLUMNS: readonly string[] = [
  'host.ip', 'virtual_sys', 'cmd', 'admin', 'client_type', 'result', 'path', 'before_change_detail',
  'after_change_detail', 'sequence_number', 'action_flags', ...DG, 'vsys_name', 'device_name', 'device_group_id', 'comment',
  '-', '~high_res_timestamp',
];

export const GLOBALPROTECT_COLUMNS: readonly string[] = [
  'virtual_sys', 'event.id', 'stage', 'auth_method', 'tunnel_type', '~srcuser', '~srcloc', 'machine.name', 'public.ip',
  '~public_ipv6', 'private.ip', '~private_ipv6', 'host.id', 'serial_number', 'client_ver', 'client.os',
  'client.os_version', 'repeat_count', 'event.reason', 'error_message', 'description', 'event.status', 'location',
  'login_duration', 'connect_method', 'error_code', 'portal', 'sequence_number', 'action_flags', '~high_res_timestamp',
  'selection_type', 'response_time', 'priority', 'attempted_gateways', 'gateway', ...DG, 'vsys_name', 'device_name',
  'vsys_id',
];

export const USERID_COLUMNS: readonly string[] = [
  'virtual_sys', 'source.ip', '~srcuser', 'datasourcename', 'event.id', 'repeat_count', 'timeout', 'source.port',
  'destination.port', 'datasource', 'datasourcetype', 'sequence_number', 'action_flags', ...DG, 'vsys_name',
  'device_name', 'vsys_id', 'factortype', 'factorcompletiontime', 'factorno', 'ugflags', 'user_by_source', 'tag.name',
  '~high_res_timestamp',
];

export const HIPMATCH_COLUMNS: readonly string[] = [
  '~srcuser', 'virtual_sys', 'machine.name', 'machine.os', 'source.ip', 'matchname', 'repeat_count', 'matchtype', '-', '-',
  'sequence_number', 'action_flags', ...DG, 'vsys_name', 'device_name', 'vsys_id', '~source_ipv6', 'host.id',
  'serial_number', 'machine.mac_address', '~high_res_timestamp',
];

export const AUTHENTICATION_COLUMNS: readonly string[] = [
  'virtual_sys', 'source.ip', '~user', 'normalize_user', 'object.id', 'authentication.policy', 'repeat_count',
  'authentication.id', 'vendor', 'log_profile', 'server_profile', 'description', 'client_type', 'event.result', 'factorno',
  'sequence_number', 'action_flags', ...DG, 'vsys_name', 'device_name', 'vsys_id', 'authentication.protocol', 'rule_uuid',
  '~high_res_timestamp', ...SRC_DEVICE, 'region', '-', '~user_agent', 'flow_id', 'cluster_name',
];

export const DECRYPTION_COLUMNS: readonly string[] = [
  ...SESSION_HEAD, '~logged_time', ...PORTS,
  'tunnel_type', '-', '-', 'source_vm_uuid', 'destination_vm_uuid', 'rule_uuid', 'hs_stage_c2f', 'hs_stage_f2s', '~tls',
  'tls.key_exchange_algorithm', 'tls.encryption', 'tls.auth', 'policy.name', 'elliptic_curve', 'tls.error_type',
  'root_certificate_status', 'chain_status', 'proxy_type', 'certificate.serial_number', '~hash', 'certificate.not_before',
  'certificate.not_after', 'certificate.version', 'certificate.size', 'subject_common_name.length',
  'issuer_common_name.length', 'root_common_name.length', 'server_name_indication.length', 'certificate.flags',
  'subject_common_name.value', 'issuer_common_name.value', 'root_common_name.value', 'server_name_indication.value',
  'error_message', 'container.id', 'pod.namespace', 'pod.name', 'src.external_dynamic_list', 'dst.external_dynamic_list',
  'src.dynamic_address_group', 'dst.dynamic_address_group', '~high_res_timestamp', ...SRC_DEVICE, ...DST_DEVICE,
  'sequence_number', 'action_flags', ...DG, 'vsys_name', 'device_name', 'vsys_id', ...APP_ATTRS, 'application.tunneled',
  'application.is_saas', 'application.is_sanctioned',
];

export const CORRELATION_COLUMNS: readonly string[] = [
  'source.ip', '~srcuser', 'virtual_sys', 'category', 'severity', ...DG, 'vsys_name', 'device_name', 'vsys_id',
  'object.name', 'object.id', 'evidence',
];

export const IPTAG_COLUMNS: readonly string[] = [
  'virtual_sys', 'source.ip', 'tag.name', 'event.id', 'repeat_count', 'timeout', 'datasourcename', 'datasource_type',
  'datasource_subtype', 'sequence_number', 'action_flags', ...DG, 'vsys_name', 'device_name', 'vsys_id',
  '~high_res_timestamp',
];

export const TUNNEL_COLUMNS: readonly string[] = [
  ...SESSION_HEAD, '-', ...PORTS,
  'severity', 'sequence_number', 'action_flags', '~srcloc', '~dstloc', ...DG, 'vsys_name', 'device_name', 'imsi', 'imei',
  'parent_session.id', 'parent_session.start_time', 'tunnel_type', 'network.bytes', 'bytes_sent', 'bytes_received',
  'network.packets', 'packets_sent', 'packets_received', 'max_encapsulation', 'unknown_protocol', 'strict_check',
  'tunnel_fragment', 'sessions.created', 'sessions.closed', 'endreason', 'action_source', 'start_time', 'elapsed_time',
  'tunnel_inspection_rule', 'remote_user.ip', 'remote_user.id', 'rule_uuid', 'pcap_id', 'dynamic_user.group.name',
  'src.external_dynamic_list', 'dst.external_dynamic_list', '~high_res_timestamp', 'nssai_sd', 'nssai_sst',
  'pdu_session.id', ...APP_ATTRS, 'application.is_saas', 'application.is_sanctioned',
];

export const GTP_COLUMNS: readonly string[] = [
  'source.ip', 'destination.ip', '-', '-', 'ruleset', '-', '-', 'network.application', 'virtual_sys', 'source.zone',
  'destination.zone', 'inbound_interface', 'outbound_interface', 'log_profile', '-', 'flow_id', '-', 'source.port',
  'destination.port', '-', '-', '-', 'protocol', 'action', 'event_type', 'msisdn', 'access_point.name',
  'radio_access_technology_type', 'message_type', 'end_ip_address', 'tunnel_endpoint.identifier1',
  'tunnel_endpoint.identifier2', 'interface', 'cause_code', 'severity', 'mcc', 'mnc', 'area_code', 'cell.id', 'event_code',
  '-', '-', '~srcloc', '~dstloc', '-', '-', '-', '-', '-', '-', '-', 'imsi', 'imei', '-', '-', '-', '-', '-', '-', '-', '-',
  '-', '-', '-', '-', '-', '-', '-', '-', 'start_time', 'elapsed_time', 'tunnel_inspection_rule', 'remote_user.ip',
  'remote_user.id', 'rule_uuid', 'pcap_id', '~high_res_timestamp', 'nsdsai_sst', 'nsdsai_sd', ...APP_ATTRS,
  'application.is_saas', 'application.is_sanctioned',
];

export const SCTP_COLUMNS: readonly string[] = [
  'source.ip', 'destination.ip', '-', '-', 'ruleset', '-', '-', '-', 'virtual_sys', 'source.zone', 'destination.zone',
  'inbound_interface', 'outbound_interface', 'log_profile', '-', 'flow_id', 'repeat_count', 'source.port',
  'destination.port', '-', '-', '-', '-', 'protocol', 'action', ...DG, 'vsys_name', 'device_name', 'sequence_number', '-',
  'sctp.assoc_id', 'payload_protocol_id', 'severity', 'sctp.chunk_type', '-', 'sctp.verification.tag_1',
  'sctp.verification.tag_2', 'sctp.cause_code', 'diameter_app_id', 'diameter_cmd_code', 'diameter_avp_code',
  'sctp.stream_id', 'sctp.assoc_end_reason', 'op_code', 'sccp.calling_ssn', 'sccp.calling_gt', 'sctp.filter',
  'sctp.chunks', 'sctp.chunks_sent', 'sctp.chunks_received', 'network.packets', 'packets_sent', 'packets_received',
  'rule_uuid', '~high_res_timestamp',
];

/** Audit log (`<serial>,<time>,audit,<config ver>,...`): columns after the type column. */
export const AUDIT_COLUMNS: readonly string[] = ['~config_version', 'client_type', 'admin', 'cmd', 'result'];

/** Columns kept for an unknown type: the common prefix only, the rest as trailing columns. */
export const GENERIC_COLUMNS: readonly string[] = [];

/** Value conversions by column name (others stay strings). */
export const IP_COLUMNS: ReadonlySet<string> = new Set([
  'source.ip', 'destination.ip', 'source.nat.ip', 'destination.nat.ip', 'host.ip', 'xff.ip', 'public.ip', 'private.ip',
  '~public_ipv6', '~private_ipv6', '~source_ipv6', 'end_ip_address', 'remote_user.ip', '~forwarded_ip',
]);

/**
 * Typed columns that anchor the layout: a non-empty value of the wrong type (an IP that is not an
 * IP, a port that is not a number, a start time that is not a time, flags that are not a number)
 * means the columns shifted, and the line is rejected rather than indexed with wrong values.
 */
export const ANCHOR_COLUMNS: ReadonlySet<string> = new Set([
  'source.ip', 'destination.ip', 'source.nat.ip', 'destination.nat.ip', 'source.port', 'destination.port',
  'source.nat.port', 'destination.nat.port', 'start_time', '~labels',
]);

export const LONG_COLUMNS: ReadonlySet<string> = new Set([
  'source.port', 'destination.port', 'source.nat.port', 'destination.nat.port', 'repeat_count', 'sctp.chunks',
  'sctp.chunks_sent', 'sctp.chunks_received', 'network.bytes', 'network.packets', 'bytes_sent', 'bytes_received',
  'packets_sent', 'packets_received', 'elapsed_time', 'timeout', 'error_code', 'factorno', 'subject_common_name.length',
  'issuer_common_name.length', 'root_common_name.length', 'server_name_indication.length', 'link.change_count',
  'login_duration', 'strict_check', 'tunnel_fragment', 'unknown_protocol', 'sessions.closed', 'sessions.created',
  'max_encapsulation', 'application.risk_level', 'response_time',
]);

export const TIME_COLUMNS: ReadonlySet<string> = new Set([
  'start_time', 'parent_session.start_time', '~logged_time', 'factorcompletiontime', 'certificate.not_before',
  'certificate.not_after',
]);

export const MAC_COLUMNS: ReadonlySet<string> = new Set(['src.mac', 'dst.mac', 'machine.mac_address']);

/**
 * Vendor fields Elastic removes after copying them into ECS (its default, without the
 * `preserve_duplicate_custom_fields` tag): not kept under `panw.panos`.
 */
export const DUPLICATED_IN_ECS: ReadonlySet<string> = new Set([
  'bytes_received', 'bytes_sent', 'certificate.not_after', 'certificate.not_before', 'certificate.serial_number',
  'certificate.size', 'certificate.version', 'client.os', 'client.os_version', 'destination.ip', 'destination.nat.ip',
  'destination.nat.port', 'destination.port', 'destination.zone', 'device_name', 'elapsed_time', 'elliptic_curve',
  'event.id', 'event.reason', 'event.status', 'file.type', 'host.id', 'host.ip', 'http_method', 'inbound_interface',
  'location', 'login_duration', 'machine.mac_address', 'machine.name', 'machine.os', 'misc', 'network.application',
  'network.bytes', 'network.packets', 'normalize_user', 'outbound_interface', 'packets_received', 'packets_sent',
  'private.ip', 'protocol', 'public.ip', 'recipient', 'referrer', 'rule_uuid', 'sender', 'server_name_indication.value',
  'severity', 'source.ip', 'source.nat.ip', 'source.nat.port', 'source.port', 'source.zone', 'start_time',
  'tls.encryption', 'tunnel_inspection_rule', 'user_by_source', 'subject_common_name.value', 'issuer_common_name.value',
]);

/** Ids of the columns the mapper reads by name (`Layout.pos[C[name]]` is the column index or -1). */
export const C = {
  'action': 0, 'admin': 1, 'bytes_received': 2, 'bytes_sent': 3, 'certificate.not_after': 4,
  'certificate.not_before': 5, 'certificate.serial_number': 6, 'certificate.size': 7, 'certificate.version': 8,
  'client.os': 9, 'client.os_version': 10, 'client_type': 11, 'cmd': 12, 'destination.ip': 13,
  'destination.nat.ip': 14, 'destination.nat.port': 15, 'destination.port': 16, 'destination.zone': 17,
  'device_name': 18, 'elapsed_time': 19, 'elliptic_curve': 20, 'error_message': 21, 'event.id': 22,
  'event.reason': 23, 'event.status': 24, 'file.type': 25, 'host.id': 26, 'host.ip': 27, 'http2_connection': 28,
  'http_method': 29, 'inbound_interface': 30, 'issuer_common_name.value': 31, 'location': 32, 'login_duration': 33,
  'machine.mac_address': 34, 'machine.name': 35, 'machine.os': 36, 'misc': 37, 'network.application': 38,
  'network.bytes': 39, 'network.packets': 40, 'normalize_user': 41, 'outbound_interface': 42, 'packets_received': 43,
  'packets_sent': 44, 'private.ip': 45, 'protocol': 46, 'public.ip': 47, 'recipient': 48, 'referrer': 49,
  'result': 50, 'rule_uuid': 51, 'ruleset': 52, 'sender': 53, 'server_name_indication.value': 54, 'severity': 55,
  'source.ip': 56, 'source.nat.ip': 57, 'source.nat.port': 58, 'source.port': 59, 'source.zone': 60,
  'start_time': 61, 'subject_common_name.value': 62, 'threat.name': 63, 'tls.encryption': 64,
  'tunnel_inspection_rule': 65, 'url_category_list': 66, 'user_by_source': 67, '~direction': 68, '~dstloc': 69,
  '~dstuser': 70, '~forwarded_ip': 71, '~hash': 72, '~high_res_timestamp': 73, '~labels': 74, '~logged_time': 75,
  '~private_ipv6': 76, '~public_ipv6': 77, '~source_ipv6': 78, '~srcloc': 79, '~srcuser': 80, '~tls': 81,
  '~user': 82, '~user_agent': 83,
} as const;
const C_COUNT = Object.keys(C).length;

/** Compiled column: name, its path under `panw.panos`, and what to do with the value. */
export interface Column {
  readonly name: string;
  readonly path: readonly string[];
  /** `path.length`, and its first two segments (the common cases, without array access). */
  readonly depth: number;
  readonly p0: string;
  readonly p1: string;
  readonly kind: 'str' | 'ip' | 'long' | 'time' | 'mac';
  /** Kept under `panw.panos.*`. */
  readonly keep: boolean;
  readonly anchor: boolean;
}

export interface Layout {
  readonly columns: readonly (Column | null)[];
  /** Column name → index in `columns`. */
  readonly index: ReadonlyMap<string, number>;
  /** Mapper column id (see {@link C}) → index in `columns`, -1 when the layout has no such column. */
  readonly pos: Int16Array;
}

/** Compiles a column list once (at module load). */
export function compileLayout(names: readonly string[]): Layout {
  const index = new Map<string, number>();
  const columns = names.map((name, i): Column | null => {
    if (name === '-') return null;
    index.set(name, i);
    const temp = name.startsWith('~');
    const kind = IP_COLUMNS.has(name) ? 'ip' : LONG_COLUMNS.has(name) ? 'long' : TIME_COLUMNS.has(name) ? 'time' : MAC_COLUMNS.has(name) ? 'mac' : 'str';
    const path = (temp ? name.slice(1) : name).split('.');
    return {
      name,
      path,
      depth: path.length,
      p0: path[0]!,
      p1: path[1] ?? '',
      kind,
      keep: !temp && !DUPLICATED_IN_ECS.has(name),
      anchor: ANCHOR_COLUMNS.has(name),
    };
  });
  const pos = new Int16Array(C_COUNT).fill(-1);
  for (const [name, id] of Object.entries(C)) {
    const i = index.get(name);
    if (i !== undefined) pos[id] = i;
  }
  return { columns, index, pos };
}
