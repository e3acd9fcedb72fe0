// Expected failures as values: a closed code plus named parameters.
//
// Domain, store and file readers return Result<T>; the cli and web layers turn an
// Error into a message in the user's language through the catalogs in
// templates/messages/ (see src/i18n). Nothing here knows about languages.
#pragma once

#include <expected>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kczg {

// The X-macro keeps the enum and its stable names (the catalog keys) in one place.
#define KCZG_ERROR_CODES(X)                                                                \
  X(usage)                     /* bad command line: {detail} */                            \
  X(uscc_length)               /* {value} has {length} characters, needs 18 */             \
  X(uscc_alphabet)             /* {value}: {char} at position {position} */                \
  X(uscc_region_format)        /* {value}: region {region} is not 6 digits */              \
  X(uscc_unknown_province)     /* {value}: province {province} unknown */                  \
  X(uscc_check_digit)          /* {value}: expected {expected}, got {actual} */            \
  X(region_unknown)            /* {value} is neither a division code nor name */           \
  X(transition_unknown)        /* {action} */                                              \
  X(transition_from_state)     /* {action} not allowed from {state} */                     \
  X(transition_role)           /* {action} needs {role}, actor is {actor_role} */          \
  X(transition_phase)          /* {action} needs phase {phases}, now {phase} */            \
  X(transition_reason_missing) /* {action} needs a reason */                               \
  X(quota_exhausted)           /* {unit} used {used} of {quota} for {list} */              \
  X(quota_none)                /* {list} has no unit quota */                              \
  X(preset_unknown)            /* {preset} */                                              \
  X(campaign_not_found)        /* {campaign} */                                            \
  X(campaign_exists)           /* {year} */                                                \
  X(list_unknown)              /* {list} */                                                \
  X(field_unknown)             /* {list} {field} */                                        \
  X(field_required)            /* {list} needs a field */                                  \
  X(channel_unknown)           /* {channel} */                                             \
  X(unit_not_found)            /* {unit} */                                                \
  X(application_not_found)     /* {application} */                                         \
  X(application_wrong_unit)    /* {application} names another unit */                      \
  X(value_out_of_range)        /* {name} = {value}, allowed {min}..{max} */                \
  X(file_unreadable)           /* {path}: {detail} */                                      \
  X(file_encoding)             /* {path}: neither UTF-8 nor GB18030 */                     \
  X(file_write_failed)         /* {path}: {detail} */                                      \
  X(csv_malformed)             /* {path} row {row}: {detail} */                            \
  X(xlsx_malformed)            /* {path}: {detail} */                                      \
  X(import_missing_column)     /* {column} */                                              \
  X(import_rejected)           /* {count} bad rows, nothing stored */                      \
  X(import_cell_empty)         /* row {row} column {column} */                             \
  X(import_duplicate)          /* row {row} column {column}: same as row {other} */        \
  X(import_exists)             /* row {row} column {column}: {value} stored */             \
  X(database_url)              /* {url} */                                                 \
  X(database_unavailable)      /* {detail} */                                              \
  X(database_failure)          /* {detail} */                                              \
  X(audit_append_only)         /* an audit row cannot change */                            \
  X(account_exists)            /* {login} */                                               \
  X(account_not_found)         /* {account} */                                             \
  X(login_invalid)             /* {login}: not an e-mail address or phone number */        \
  X(password_too_short)        /* needs {min} characters */                                \
  X(password_mismatch)         /* the two passwords differ */                              \
  X(sign_in_failed)            /* wrong login or password (never says which) */            \
  X(sign_in_throttled)         /* too many attempts; retry after {seconds} s */            \
  X(token_invalid)             /* invitation or reset link unknown, used or expired */     \
  X(not_signed_in)             /* the page needs a signed-in user */                       \
  X(forbidden)                 /* {role} may not do this */                                \
  X(csrf_failed)               /* the form is stale or forged */                           \
  X(not_found)                 /* {path} */                                                \
  X(field_invalid)             /* {field}: {detail} */                                     \
  /* Application forms: {field} is the form field's name, {label_zh}/{label_en} its  */    \
  /* label, so each catalog names it in its own language. */                               \
  X(formal_check_override_reason) /* {application}: eligible despite {verdict} */          \
  X(form_value_missing)           /* {field} is required */                                \
  X(form_too_long)                /* {field}: {length} characters, at most {max} */        \
  X(form_too_short)               /* {field}: {length} characters, at least {min} */       \
  X(form_not_number)              /* {field}: {value} is not a number */                   \
  X(form_out_of_range)            /* {field}: {value} outside {min}..{max} */              \
  X(form_bad_date)                /* {field}: {value} is not a YYYY-MM-DD date */          \
  X(form_bad_choice)              /* {field}: {value} is not one of the choices */         \
  X(form_not_attested)            /* {field}: the statement must be confirmed */           \
  X(attachment_not_pdf)           /* {name} is {detected}, not a PDF */                    \
  X(attachment_too_large)         /* {name}: {size} bytes, at most {max} */                \
  X(attachment_missing)           /* {label_zh}/{label_en}: required attachment missing */ \
  X(attachment_not_found)         /* {attachment} */                                       \
  X(collection_closed)            /* submissions closed at {deadline} (+08:00) */          \
  X(application_locked)           /* {application} in state {state} cannot be edited */    \
  X(application_exists)           /* {application}: same applicant, list and field */      \
  X(unit_not_chosen)              /* choose the recommending unit before submitting */     \
  X(unit_not_for_list)            /* {unit} may not recommend to {list} */                 \
  X(recommendation_closed)        /* recommending closed at {deadline} (+08:00) */         \
  /* Experts, review plans and scores; plan errors carry {field}, the plan field. */       \
  X(sector_unknown)               /* {value}: not academia/industry/investment */          \
  X(email_invalid)                /* {value} */                                            \
  X(conflict_target_missing)      /* {expert}: no application or organisation */           \
  X(conflict_reason_missing)      /* {expert} */                                           \
  X(decline_note_missing)         /* {expert} {application}: "other" unexplained */        \
  X(review_body_unknown)          /* {body} */                                             \
  X(review_body_exists)           /* {body} */                                             \
  X(plan_coverage_outside)        /* {body} does not review {list} {field} */              \
  X(plan_no_criteria)             /* the plan has no criteria */                           \
  X(plan_criterion_code_missing)  /* criterion {position} */                               \
  X(plan_criterion_duplicate)     /* {criterion} at {position} and {other} */              \
  X(plan_criterion_name_missing)  /* {position}: {language} name */                        \
  X(plan_weight_not_positive)     /* {name_zh}/{name_en}: weight {value} */                \
  X(plan_scale_invalid)           /* {name_zh}/{name_en}: {min} not below {max} */         \
  X(plan_weights_sum)             /* weights sum to {sum}, need {expected} */              \
  X(plan_experts_too_few)         /* k = {value}, at least {min} */                        \
  X(plan_load_too_small)          /* load {value}, at least {min} */                       \
  X(plan_sector_minimum_negative) /* {sector}: {value} */                                  \
  X(plan_sector_mix_exceeds_k)    /* minimums sum to {sum} > k = {k} */                    \
  X(plan_not_approved)            /* plan is {state}: review cannot start */               \
  X(plan_locked)                  /* plan is {state}: cannot be edited */                  \
  X(plan_pool_short)              /* {needed} experts needed, {available} there */         \
  X(plan_sector_short)            /* {sector}: {needed} needed, {available} there */       \
  X(score_missing)                /* {expert} {application}: no {criterion} */             \
  X(score_out_of_range)           /* {criterion}: {value} outside {min}..{max} */          \
  X(score_unknown_criterion)      /* {criterion} is not in the plan */                     \
  X(score_sheet_duplicate)        /* {expert} scored {application} twice */                \
  X(expert_not_found)             /* {expert} */                                           \
  X(assignment_missing)           /* {expert} does not read {application} */               \
  X(sheet_submitted)              /* {expert} already submitted {application} */           \
  X(assignment_scored)            /* {expert} scored {application}: pair stays */          \
  X(review_closed)                /* the review deadline {deadline} has passed */          \
  X(shortlist_size_invalid)       /* {value}: 1..{max} */                                  \
  X(shortlist_unscored)           /* {count} of {body} have no sheet */                    \
  X(final_reason_missing)         /* {application} ranked {rank} of {seats} */             \
  X(final_panel_scoring)          /* {body} has {count} of {list}/{field} to score */      \
  X(final_panel_no_shortlist)     /* {body} is the final panel: its ranking goes on */     \
  X(final_panel_overlap)          /* {body} and the panel {other} both cover {list} */     \
  X(objection_anonymous)          /* no real name given */                                 \
  X(objection_contact_invalid)    /* {value}: no e-mail or phone */                        \
  X(objection_grounds_length)     /* {length} characters, {min}..{max} */                  \
  X(objection_closed)             /* notice {starts} to {ends} */                          \
  X(objection_throttled)          /* too many from one address in {seconds} s */           \
  X(objection_not_found)          /* {objection} */                                        \
  X(objection_resolved)           /* {objection} is {state} already */                     \
  X(substitute_objected)          /* {application} was taken off after an objection */     \
  X(substitute_no_seat)           /* {list} has {listed} listed of {target} */             \
  X(campaign_published)           /* the {year} lists are published already */             \
  X(objections_unresolved)        /* {count} objections still to resolve */                \
  X(lists_not_published)          /* {year} */                                             \
  X(library_entry_not_found)      /* {entry} */                                            \
  X(holder_note_too_long)         /* {length} characters, at most {max} */                 \
  X(demand_title_length)          /* {length} characters, {min}..{max} */                  \
  X(demand_description_length)    /* {length} characters, {min}..{max} */                  \
  X(demand_region_invalid)        /* {value}: no GB/T 2260 division */                     \
  X(demand_budget_invalid)        /* {min}..{max} */                                       \
  X(demand_wanted_by_past)        /* {value} before {today} */                             \
  X(demand_contact_missing)       /* no contact given */                                   \
  X(docking_close_reason_missing) /* no reason from the set */                             \
  X(docking_close_text_missing)   /* reason other without text */                          \
  X(demand_not_found)             /* {demand} */                                           \
  X(demand_not_open)              /* {demand} is {state}: only open demands are matched */ \
  X(docking_not_found)            /* {docking} */                                          \
  X(deal_not_found)               /* {deal} */                                             \
  X(event_not_found)              /* {event} */                                            \
  X(event_in_past)                /* starts {value}, before now */                         \
  X(event_started)                /* it started {value}: invitations are closed */         \
  X(invitation_not_found)         /* {invitation} */                                       \
  X(alias_too_few_names)          /* an alias group needs two names, or a name + USCC */   \
  X(import_row_problem)           /* row {row}, column {column}: {message} */

enum class ErrorCode {
#define KCZG_ENUM(name) name,
  KCZG_ERROR_CODES(KCZG_ENUM)
#undef KCZG_ENUM
};

// The stable name, e.g. "uscc_check_digit"; used as catalog key and in JSON.
std::string_view code_name(ErrorCode code);

struct Error {
  ErrorCode code;
  std::vector<std::pair<std::string, std::string>> params;

  // Returns the parameter's value, or "" if absent.
  std::string_view param(std::string_view key) const;
};

// Builds an Error; parameters as key, value, key, value ...
template <typename... Pairs>
Error make_error(ErrorCode code, Pairs&&... pairs) {
  static_assert(sizeof...(Pairs) % 2 == 0, "parameters come as key, value pairs");
  Error error{code, {}};
  std::vector<std::string> flat{std::string(std::forward<Pairs>(pairs))...};
  for (std::size_t i = 0; i + 1 < flat.size(); i += 2) {
    error.params.emplace_back(std::move(flat[i]), std::move(flat[i + 1]));
  }
  return error;
}

template <typename T>
using Result = std::expected<T, Error>;

inline std::unexpected<Error> fail(Error error) { return std::unexpected(std::move(error)); }

}  // namespace kczg
