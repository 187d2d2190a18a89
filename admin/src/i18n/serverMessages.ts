/**
 * The API writes its field messages in English. The ones a user meets most
 * (the register's rules, the password policy, scope) are shown in the UI
 * language: each known sentence maps to a key under `app.server.*` (both
 * locales). Anything else is shown as the server wrote it.
 */
const EXACT: Record<string, string> = {
  'The current password is wrong': 'current_password_wrong',
  'The password must be at least 10 characters': 'password_too_short',
  'The password must not contain the username': 'password_contains_username',
  'committee not found': 'committee_not_found',
  'a home committee is required for this role': 'home_committee_required',
  "a secretary's home committee is a branch (chi bộ) or a grassroots organisation": 'secretary_home',
  'the committee has been merged or dissolved': 'committee_archived',
  'only an admin of the whole tree gives an account the whole tree (no home committee)': 'whole_tree_only',
  'a member account follows its member record; only isActive can be changed here': 'member_account_field',
  'members belong to a branch (chi bộ) or a grassroots chi bộ cơ sở, not to a higher committee': 'not_a_branch',
  'the member already belongs to this branch': 'same_branch',
  'a full (official) member has the date they were made official': 'officialAt_required',
  'a probationary member has no officialAt yet': 'officialAt_probationary',
  'officialAt cannot be before admittedAt': 'officialAt_before_admitted',
  'the party card is issued to full members only': 'card_probationary',
  'members are admitted from 18 years of age': 'admitted_age',
  'members are admitted up to 60 years of age': 'admitted_age',
  'an exemption has a date': 'exemptedAt_required',
  'only an exempted member has an exemption date': 'exemptedAt_not_exempted',
  'an activity hold has the date it applies from': 'activityHoldSince_required',
  'only a member on an activity hold has a hold date': 'activityHoldSince_no_hold',
  'only a member on an activity hold has a hold note': 'activityHoldNote_no_hold',
  'leaving the register has a date': 'endedAt_required',
  'the member has installed the app': 'installed',
  // rows of a member import (422 IMPORT_INVALID)
  required: 'required',
  'required (the file has no such column)': 'required_no_column',
  'not a date': 'not_a_date',
  'expected a date DD/MM/YYYY or YYYY-MM-DD': 'expected_date',
  'expected Nam or Nữ (male or female)': 'expected_gender',
  'expected Chính thức or Dự bị (official or probationary)': 'expected_status',
  'expected Có or Không (or x for yes)': 'expected_yes_no',
  'not a member id from an export of this register': 'bad_member_id',
  'no member with this id in your scope': 'member_id_not_found',
  'this member is not in your scope': 'member_out_of_scope',
  'another member already has this party card number': 'party_card_taken',
  'another member already has this external id': 'external_id_taken',
  'no committee with this code in your scope': 'committee_code_not_found',
  'this branch is archived (merged or dissolved)': 'committee_archived',
  'this member has left the register; bring them back in the dashboard first': 'member_has_left',
  // content: news, surveys, trainings
  'title must not be blank': 'blank',
  'summary must not be blank': 'blank',
  'text must not be blank': 'blank',
  'sourceName is required for an item compiled from another outlet': 'source_required',
  'sourceUrl is required for an item compiled from another outlet': 'source_required',
  'closesAt must be after opensAt': 'closes_after_opens',
  'closesAt must be in the future': 'closes_in_future',
  'a choice question needs at least 2 options': 'two_options',
  "a quiz's single-choice question has exactly one correct option": 'single_one_correct',
  "a quiz's multiple-choice question has at least one correct option": 'multiple_one_correct',
  'maxSelections must not be less than minSelections': 'max_below_min',
  'a quiz needs a passMark': 'pass_mark_required',
  'heldOn cannot be in the future: record a training once it has been held': 'training_future',
};

/** Sentences with a variable part: the named groups become arguments. */
const PATTERNS: [RegExp, string][] = [
  [/^\w+ is not a real date$/, 'not_a_date'],
  [/^\w+ cannot be in the future$/, 'future'],
  [/^the same .+ as row (?<row>\d+)$/, 'duplicate_row'],
  [/^the same column as "(?<column>.+)"$/, 'duplicate_column'],
  [/^unknown column; accepted: (?<columns>.+)$/, 'unknown_column'],
  [/^no header row: expected column headers such as (?<columns>.+)$/, 'no_header'],
];

export interface ServerMessage {
  /** A translation key, or the server's own text when it is not known. */
  key: string;
  args?: Record<string, string>;
}

/** The translation of a known server message, or the message itself. */
export const serverMessage = (message: string): ServerMessage => {
  const exact = EXACT[message];
  if (exact) return { key: `app.server.${exact}` };
  for (const [pattern, key] of PATTERNS) {
    const match = pattern.exec(message);
    if (match) return { key: `app.server.${key}`, args: match.groups };
  }
  return { key: message };
};

/**
 * For a field error of a form: the key when the message has no variable
 * part, else the server's text.
 */
export const serverMessageKey = (message: string): string => {
  const { key, args } = serverMessage(message);
  return args && Object.keys(args).length > 0 ? message : key;
};
