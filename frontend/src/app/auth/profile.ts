import { DatePipe } from '@angular/common';
import { Component, inject, signal } from '@angular/core';
import { Router } from '@angular/router';

import { AuthService } from '../core/auth-service';
import { problemMessage } from '../core/problem';

@Component({
  selector: 'app-profile',
  imports: [DatePipe],
  templateUrl: './profile.html',
})
export class Profile {
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  protected readonly username = this.auth.username;
  protected readonly scope = this.auth.scope;
  protected readonly expiresAt = this.auth.expiresAt;
  protected readonly sessionExpiresAt = this.auth.sessionExpiresAt;
  protected readonly error = signal<string | null>(null);

  protected logoutEverywhere(): void {
    this.auth.logoutEverywhere().subscribe({
      next: () => void this.router.navigateByUrl('/login'),
      error: (error: unknown) => this.error.set(problemMessage(error)),
    });
  }
}
