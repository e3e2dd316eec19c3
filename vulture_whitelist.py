"""Names vulture cannot see being used: frameworks call them, or they are written for the record.

`make lint` runs vulture over the code and the tests with this file; anything else it reports is dead.
"""

# ruff: noqa
_ = object()

# http.server and socketserver call these by name (the emulators, the key stand-in, test servers).
_.do_GET, _.do_POST, _.do_PUT, _.do_DELETE, _.do_PATCH, _.log_message, _.handle_error, _.redirect_request
daemon_threads, allow_reuse_address, request_queue_size, client_address
protocol_version, disable_nagle_algorithm, _.close_connection

# logging calls the formatter's hooks.
_.formatException, _.formatStack

# Bolt calls the listeners it registered (decorated functions); its OAuth flow calls the page builder.
on_error, home_opened, listener, choose, _.build_install_page_html, submit_profile, submit_answer, submit_themes, submit_evaluation
uninstalled, tokens_revoked
# Bolt reads a request's raw body (the gate sets it on the BoltRequest it builds).
_.raw_body

# The Agents SDK calls the ActivityHandler's hooks, the Connections protocol and the request protocol.
_.on_message_activity, _.on_members_added_activity
_.get_connection, _.get_default_connection, _.get_token_provider, _.get_token_provider_from_activity
_.get_default_connection_configuration, _.get_claims_identity, _.get_path_param, _._jwk_client_manager
connection_name, use_anonymous

# SQLAlchemy calls the column type's hooks; the models (excluded from the scan, their columns are the
# schema) use add_slack_oauth_tables.
impl, cache_ok, _.process_bind_param, _.process_result_value, add_slack_oauth_tables

# Columns written for the record (when an agenda, a report, an escalation went out) and the planner's
# counts: read by people and by queries, not by Python.
_.report_sent_at, _.escalated_at, _.agenda_sent_at, _.unconfirmed, _.closures_planned, _.escalated
unconfirmed, closures_planned, escalated, reseal_connection, requests_expired, _.requests_expired, erased, _.erased, texts_purged, _.texts_purged, audit_purged, _.audit_purged

# zipfile reads these attributes of the ZipInfo the Teams package is written with.
_.compress_type, _.create_system, _.external_attr

# pytest calls its hooks and fixtures by name; the context-manager protocol names its arguments.
pytest_generate_tests, pytest_collection_modifyitems, pytest_runtest_logreport, pytest_terminal_summary, pg_template, pytestmark, exc_type, tb
_.asyncore_loop_timeout

# A request keeps when it was answered and decided, for the record.
_.decided_at, _.answered_at
# Who wrote a road map's version, and when: kept for the record and the export.
_.written_by_id, _.written_at
