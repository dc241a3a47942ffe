import type { Locator, Page } from 'playwright-core';

/** The screen a browser without a session gets: paste the API token. */
export class SignInPage {
  readonly screen: Locator;
  readonly token: Locator;
  readonly submit: Locator;
  readonly error: Locator;

  constructor(readonly page: Page) {
    this.screen = page.getByTestId('sign-in');
    this.token = page.getByTestId('sign-in-token');
    this.submit = page.getByTestId('sign-in-submit');
    this.error = page.getByTestId('sign-in-error');
  }

  async signIn(token: string): Promise<void> {
    await this.token.fill(token);
    await this.submit.click();
  }
}
