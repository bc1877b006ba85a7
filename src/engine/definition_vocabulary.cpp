#include "engine/definition_vocabulary.h"

namespace jumys {

std::string ArgumentPattern(const std::string& name) {
  const auto colon = name.find(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == name.size()) return "";
  return name.substr(0, colon) + ":*";
}

std::string NameArgument(const std::string& name) {
  const auto colon = name.find(':');
  return colon == std::string::npos ? "" : name.substr(colon + 1);
}

DefinitionVocabulary DefaultDefinitionVocabulary() {
  DefinitionVocabulary v;
  v.guards = {
      "has_employment_card",           // the applicant has an individual employment card
      "quota_available",               // the oblast's foreign-labour quota admits the request
      "commission_recommended_grant",  // the commission's recommendation was to grant
      "permit_valid",                  // the permit the request refers to exists and is valid
      "permit_not_expired",            // ... and its validity has not run out
      "ict_extension_allowed",         // an ICT permit to extend has not been extended before
      "route_departure",               // relocation applied for through the region of departure
      "route_arrival",                 // relocation applied for in the region of arrival
      "social_contract_term_over",     // every month of the social contract's rent is ordered
      "contract_term_over",            // the case's contract has run its term
      "not_registered_unemployed",     // the card no longer says registered unemployed
      "recorded_by_staff",             // the completion is made by the centre's staff
      "registered_unemployed",         // the card says registered unemployed
      "sole_attendance_case",          // no other open case keeps the person's attendance
  };
  v.checks = {
      "check_permit_application",   // S4 application content (category, NKZ, KATO, term...)
      "one_open_case",              // no other open case of the process for the applicant
      "no_tax_arrears",             // the employer owes no taxes (state-revenue data)
      "no_social_payment_arrears",  // the employer owes no social payments (ditto)
      "in_business_over_a_year",    // the employer has operated for more than a year
  };
  v.effects = {
      "upsert_employment_card",         // create or update the individual employment card
      "mark_unemployed",                // mark the card as registered unemployed
      "record_referral",                // note the referral on the card
      "record_vacancy_referral",        // the vacancy a referral names: a placement to answer
      "issue_result",                   // number and render the decided result document
      "issue_decision_notice",          // number and render the notification of the decision
      "deliver_to_cabinet",             // publish the case's latest document in the cabinet
      "mark_accepted",                  // the provider accepted the request (cases.accepted_at)
      "issue_coupon_and_receipt",       // tear-off coupon (due date, clerk) and receipt
      "issue_receipt",                  // receipt of the documents
      "add_to_commission_agenda",       // put the case on the commission's next meeting
      "record_recommendation",          // the commission's recommendation and votes
      "reserve_quota",                  // hold the granted workers in the quota from the decision
      "release_quota",                  // give them back when the case lapses
      "record_fee_payment",             // the permit fee payment documents
      "register_permit",                // a new permit in the registry (counts against quota)
      "reissue_permit",                 // reissue a permit, keeping the chain
      "extend_permit",                  // extend a permit, keeping the chain
      "renew_ict_permit",               // reissue or extend an intra-corporate transfer permit
      "record_dispatch",                // postal dispatch record with its tracking number
      "send_to_commission",             // documents sent to an outside commission
      "record_commission_decision",     // the commission's members and decision
      "record_relocation_parties",      // family members and the vacancy's employer as parties
      "include_participant",            // a commission included the job seeker (the quota)
      "draft_social_contract",          // draw up the social contract
      "social_contract_in_force",       // every party signed the social contract
      "refuse_social_contract",         // a party declined to sign, the reason kept
      "record_social_contract",         // the signed social contract on the card
      "pay_relocation_subsidy",         // the relocation subsidy per person, once
      "pay_employer_subsidy",           // the employer's subsidy (route A), once
      "record_contract_check",          // a check of the social contract's conditions
      "pay_rent_subsidy",               // the month's rent and utilities subsidy
      "issue_relocation_referral",      // the referral to the settlement of arrival (14.1)
      "close_social_contract",          // the social contract's term is over
      "generate_draft_contract",        // a draft contract from the application
      "record_contract",                // contract number, amount, term
      "return_contract",                // the head returns the contract, the reason kept
      "contract_signed_by_centre",      // the head signed the contract as the customer
      "contract_in_force",              // the employer signed it as the contractor: in force
      "refuse_contract",                // the employer refused to sign, the reason kept
      "pay_workplace_subsidy",          // a workplace-subsidy payment order
      "pay_wage_subsidy",               // a wage-subsidy payment order
      "publish_vacancy",                // the vacancy becomes public
      "register_vacancy",               // the vacancy enters the IS
      "record_work_report",             // the employer's report of the work done, kept on the case
      "enter_special_vacancy",          // a vacancy suitable for persons with disabilities
      "enter_relocation_vacancies",     // an included employer's vacancies, programme P1
      "refer_persons_with_disability",  // referrals of persons whose card records a disability
      "record_monthly_report",          // the month's report: in the term, once, late or not
      "accept_monthly_report",          // the specialist sends the report for payment
      "return_monthly_report",          // ... or returns it, so the month may be reported again
      "record_monitoring_visit",        // a visit to the workplaces (7.3) and what it found
      "close_contract",                 // the contract's term is over: the contract ends
      "start_case:*",                   // start a follow-up case of the process named (engine)
      "record_attendance",              // a visit to the centre on the card's history
      "deregister_employed",            // off the unemployed register: employed
      "deregister_no_show",             // off the unemployed register: failed to attend
      "deregister_on_request",          // off the unemployed register: at the person's request
      "reopen_subject_case",            // reopen the case a complaint is about (engine)
  };
  v.result_kinds = {
      "notification",             // notification of registration as a job seeker
      "certificate",              // certificate of registration as unemployed
      "referral_employment",      // referral to employment
      "referral_youth_practice",  // referral to youth practice
      "referral_social_jobs",     // referral to social jobs
      "referral_public_works",    // referral to public works
      "permit",                   // foreign-labour permit (issued, reissued, extended, ICT)
      "refusal",                  // reasoned refusal citing grounds
      "acceptance_refusal",       // refusal to accept an incomplete or expired set
      "lapsed",                   // an outside party did not act within its window
      "withdrawn",                // a party declined to go on (e.g. to sign)
      "ineligible",               // an automatic check stopped the application
      "participant_inclusion",    // employer included among programme participants
      "contract_fulfilled",       // a contract monitored to the end of its term
      "contract_terminated",      // monitoring found a condition broken: the contract ends
      "vacancy_published",        // a subsidised vacancy published
      "deregistered",             // removed from the register of the unemployed
      "complaint_answer",         // the reasoned answer to a complaint
  };
  v.document_types = {
      "application",                    // the applicant's application or EDS-signed request
      "identity_document",              // identity document
      "employment_record",              // documents confirming work activity
      "education_document",             // education document
      "employer_application",           // an employer's application form
      "contract_requisites",            // an employer's requisites for a contract
      "local_content_information",      // information on local content in staff
      "worker_education_documents",     // copies of the foreign workers' education documents
      "worker_experience_documents",    // copies of the foreign workers' work-experience records
      "change_confirmation_documents",  // documents confirming the change behind a reissue
      "ict_transfer_documents",         // documents of the intra-corporate transfer
  };
  v.later_law = {
      "quota_available",           // the foreign-labour quota (Law on population migration)
      "permit_valid",              // the Rules and conditions for issuing permits
      "permit_not_expired",        // ditto
      "ict_extension_allowed",     // ditto: an ICT permit is extended once
      "check_permit_application",  // ditto: category, NKZ, KATO, term of the request
  };
  return v;
}

}  // namespace jumys
