import { PASSWORD_MIN_LENGTH } from '@errata/core';
import type { RefObject } from 'preact';
import { FormField } from './FormField.tsx';

/** The server's messages about the account's fields. */
export type FieldErrors = Partial<Record<'email' | 'password' | 'confirm', string>>;

interface AccountFieldsProps {
  /** A new account: the password is chosen (with its rule and a confirmation); else it is the current one. */
  newAccount: boolean;
  /** The server's per-field messages. */
  fields: FieldErrors;
  emailInput: RefObject<HTMLInputElement>;
  confirmInput: RefObject<HTMLInputElement>;
}

/** The e-mail and password of an account being made or signed into, as setup and invitations ask them. */
export function AccountFields({ newAccount, fields, emailInput, confirmInput }: AccountFieldsProps) {
  return (
    <>
      <FormField
        label="E-mail"
        name="email"
        type="email"
        autoComplete="username"
        error={fields.email}
        inputRef={emailInput}
      />
      <FormField
        label="Password"
        name="password"
        type="password"
        autoComplete={newAccount ? 'new-password' : 'current-password'}
        minLength={PASSWORD_MIN_LENGTH}
        {...(newAccount ? { hint: `At least ${PASSWORD_MIN_LENGTH} characters.` } : {})}
        error={fields.password}
      />
      {newAccount && (
        <FormField
          label="Confirm password"
          name="confirm"
          type="password"
          autoComplete="new-password"
          minLength={PASSWORD_MIN_LENGTH}
          error={fields.confirm}
          inputRef={confirmInput}
        />
      )}
    </>
  );
}
